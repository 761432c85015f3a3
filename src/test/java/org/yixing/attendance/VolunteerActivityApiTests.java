package org.yixing.attendance;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the volunteer's app asks (docs/API.md): the current agreement, which check-in
 * requires; the activity behind a code, which cannot be enumerated; sign-ups that hold
 * places (RULES §5); my activities.
 */
@ApiTest
class VolunteerActivityApiTests {

	static final String NOW = "2026-11-25T09:00:00+08:00";

	@Autowired
	Api api;

	@org.springframework.beans.factory.annotation.Value("${local.server.port}")
	int port;

	Attendance attendance;

	Volunteers volunteers;

	Organizations organizations;

	String organization;

	String staff;

	@BeforeEach
	void anOrganization() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.attendance.fixClock(NOW);
		this.staff = this.organizations.staffToken();
		this.organization = this.organizations.createTopLevel("报名协会" + System.nanoTime() % 100_000);
	}

	@Test
	void theCurrentAgreementIsTheOneCheckInRequires() {
		Api.Response agreement = this.api.get("/agreements/current");
		assertThat(agreement.status()).isEqualTo(200);
		assertThat(agreement.field("version")).isEqualTo("2026-01");
		assertThat(agreement.field("text")).contains("诚信");
		Volunteers.Registered volunteer = member();
		String code = publish(Map.of()).field("checkInCode");
		this.attendance.fixClock("2026-11-25T10:05:00+08:00");
		Api.Response old = this.attendance.checkIn(volunteer.token(), Attendance.newDevice(), code, Attendance.LAT,
				Attendance.LNG, Map.of("agreementVersion", "2025-01"));
		assertThat(old.status()).isEqualTo(400);
		assertThat(old.code()).isEqualTo("AGREEMENT_REQUIRED");
		assertThat(this.attendance.checkIn(volunteer.token(), Attendance.newDevice(), code).status()).isEqualTo(201);
	}

	@Test
	void anActivityIsFoundByItsCodeWithItsFenceTimesAndPlaces() {
		Volunteers.Registered volunteer = member();
		String code = publish(Map.of("capacity", 3, "requiresInsurance", true)).field("checkInCode");
		Api.Response found = this.api.get("/activities/by-code/" + code, volunteer.token());
		assertThat(found.status()).as(found.toString()).isEqualTo(200);
		assertThat(found.field("title")).isEqualTo("图书馆志愿服务");
		assertThat(found.field("organizationName")).startsWith("报名协会");
		assertThat(found.field("startAt")).isEqualTo("2026-11-25T10:00:00+08:00");
		assertThat(found.field("checkInOpensAt")).isEqualTo("2026-11-25T09:30:00+08:00");
		assertThat(found.field("checkOutDeadline")).isEqualTo("2026-11-25T12:30:00+08:00");
		assertThat(found.body().path("geofence").path("type").asString()).isEqualTo("CIRCLE");
		assertThat(found.body().path("geofence").path("radiusMeters").asDouble()).isEqualTo(200);
		assertThat(found.body().path("membersOnly").asBoolean()).isTrue();
		assertThat(found.body().path("requiresInsurance").asBoolean()).isTrue();
		assertThat(found.body().path("capacity").asInt()).isEqualTo(3);
		assertThat(found.body().path("signedUp").asBoolean()).isFalse();
		assertThat(this.api.get("/activities/by-code/" + code, null).code()).isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void unknownCodesAreCountedPerAccountSoCodesCannotBeEnumerated() {
		Volunteers.Registered volunteer = this.volunteers.register();
		String code = publish(Map.of()).field("checkInCode");
		String wrong = code.equals("000000") ? "000001" : "000000";
		for (int i = 0; i < CheckInCodeGuesses.PER_ACCOUNT; i++) {
			assertThat(this.api.get("/activities/by-code/" + wrong, volunteer.token()).code())
				.isEqualTo("CHECK_IN_CODE_NOT_FOUND");
		}
		Api.Response limited = this.api.get("/activities/by-code/" + code, volunteer.token());
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.code()).isEqualTo("TOO_MANY_REQUESTS");
		// Another account is not affected; the same one may look again in the next
		// window.
		assertThat(this.api.get("/activities/by-code/" + code, this.volunteers.register().token()).status())
			.isEqualTo(200);
		this.attendance.fixClock("2026-11-25T09:10:00+08:00");
		assertThat(this.api.get("/activities/by-code/" + code, volunteer.token()).status()).isEqualTo(200);
	}

	@Test
	void aSignUpHoldsAPlaceAndSigningUpWhenEveryPlaceIsHeldIsRefused() {
		String id = publish(Map.of("capacity", 2, "membersOnly", false)).field("id");
		Volunteers.Registered first = this.volunteers.register();
		Volunteers.Registered second = this.volunteers.register();
		Volunteers.Registered third = this.volunteers.register();
		Api.Response signedUp = this.api.post("/activities/" + id + "/sign-up", null, first.token());
		assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
		assertThat(signedUp.body().path("signedUp").asBoolean()).isTrue();
		assertThat(this.api.post("/activities/" + id + "/sign-up", null, first.token()).status()).isEqualTo(201);
		assertThat(this.api.post("/activities/" + id + "/sign-up", null, second.token()).status()).isEqualTo(201);
		Api.Response full = this.api.post("/activities/" + id + "/sign-up", null, third.token());
		assertThat(full.status()).isEqualTo(422);
		assertThat(full.code()).isEqualTo("ACTIVITY_FULL");
		assertThat(full.field("detail")).isEqualTo("活动人数已满");
		assertThat(this.api.get("/me/activities", first.token()).body().get(0).path("participants").asLong())
			.isEqualTo(2);
	}

	@Test
	void aSignedUpVolunteerAlwaysHasAPlaceAtCheckInAndAWalkInOnlyWhilePlacesRemain() {
		String code = publish(Map.of("capacity", 1, "membersOnly", false)).field("checkInCode");
		String id = this.api.get("/activities/by-code/" + code, this.volunteers.register().token()).field("id");
		Volunteers.Registered signedUp = this.volunteers.register();
		Volunteers.Registered walkIn = this.volunteers.register();
		assertThat(this.api.post("/activities/" + id + "/sign-up", null, signedUp.token()).status()).isEqualTo(201);
		this.attendance.fixClock("2026-11-25T10:05:00+08:00");
		Api.Response refused = this.attendance.checkIn(walkIn.token(), Attendance.newDevice(), code);
		assertThat(refused.code()).isEqualTo("ACTIVITY_FULL");
		assertThat(this.attendance.checkIn(signedUp.token(), Attendance.newDevice(), code).status()).isEqualTo(201);
	}

	@Test
	void aSignUpMayBeCancelledUntilTheStartAndTheCancelledPlaceIsFreeAgain() {
		String id = publish(Map.of("capacity", 1, "membersOnly", false)).field("id");
		Volunteers.Registered first = this.volunteers.register();
		Volunteers.Registered second = this.volunteers.register();
		assertThat(this.api.post("/activities/" + id + "/sign-up", null, first.token()).status()).isEqualTo(201);
		assertThat(this.api.delete("/activities/" + id + "/sign-up", first.token()).status()).isEqualTo(204);
		assertThat(this.api.delete("/activities/" + id + "/sign-up", first.token()).status()).isEqualTo(204);
		assertThat(this.api.post("/activities/" + id + "/sign-up", null, second.token()).status()).isEqualTo(201);
		this.attendance.fixClock("2026-11-25T10:00:00+08:00");
		Api.Response late = this.api.delete("/activities/" + id + "/sign-up", second.token());
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.code()).isEqualTo("SIGN_UP_CLOSED");
	}

	@Test
	void aMembersOnlyActivityTakesSignUpsFromMembersOnly() {
		String id = publish(Map.of("capacity", 5)).field("id");
		Api.Response outsider = this.api.post("/activities/" + id + "/sign-up", null,
				this.volunteers.register().token());
		assertThat(outsider.code()).isEqualTo("NOT_ORGANIZATION_MEMBER");
		assertThat(this.api.post("/activities/" + id + "/sign-up", null, member().token()).status()).isEqualTo(201);
	}

	@Test
	void myActivitiesAreThoseOfMyOrganizationsAndAboveThatHaveNotEnded() {
		String child = this.organizations.create(this.staff, this.organization, "下级小队", "420111", "LISTED");
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(child, volunteer.idNumber());
		String upcoming = publish(Map.of("title", "上级的活动")).field("id");
		this.attendance.publish(this.organization, this.staff, "2026-11-24T10:00:00+08:00", "2026-11-24T12:00:00+08:00",
				Map.of("title", "已结束的活动"));
		String other = this.organizations.createTopLevel("别的协会" + System.nanoTime() % 100_000);
		this.attendance.publish(other, this.staff, "2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00",
				Map.of("title", "别的协会的活动"));
		Api.Response mine = this.api.get("/me/activities", volunteer.token());
		assertThat(mine.status()).isEqualTo(200);
		assertThat(mine.body().size()).isEqualTo(1);
		assertThat(mine.body().get(0).path("id").asString()).isEqualTo(upcoming);
		assertThat(mine.body().get(0).path("status").asString()).isEqualTo("UPCOMING");
	}

	/** RULES §5: an edit never voids an open session. */
	@Test
	void movingTheEndSoThatOpenSessionsWouldBePastTheirDeadlineIsRefused() {
		Volunteers.Registered volunteer = member();
		Api.Response activity = publish(Map.of());
		this.attendance.fixClock("2026-11-25T10:35:00+08:00");
		assertThat(this.attendance.checkIn(volunteer.token(), Attendance.newDevice(), activity.field("checkInCode"))
			.status()).isEqualTo(201);
		Api.Response refused = this.api.send("PATCH", "/activities/" + activity.field("id"),
				Map.of("endAt", "2026-11-25T10:00:01+08:00", "checkOutGraceMinutes", 30), this.staff, Map.of());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("ACTIVITY_HAS_OPEN_SESSIONS");
		assertThat(this.api.get("/activities/" + activity.field("id"), this.staff).field("endAt"))
			.isEqualTo("2026-11-25T12:00:00+08:00");
		assertThat(this.api.get("/me/sessions", volunteer.token()).body().get(0).path("status").asString())
			.isEqualTo("OPEN");
		Api.Response later = this.api.send("PATCH", "/activities/" + activity.field("id"),
				Map.of("endAt", "2026-11-25T10:30:00+08:00", "checkOutGraceMinutes", 30), this.staff, Map.of());
		assertThat(later.status()).as(later.toString()).isEqualTo(200);
	}

	@Test
	void anActivityAtATimeIAmAlreadyHeldForNamesTheClashInTheApiAndOnItsPage() {
		Volunteers.Registered volunteer = member();
		String held = this.attendance
			.publish(this.organization, this.staff, "2026-11-26T09:00:00+08:00", "2026-11-26T11:00:00+08:00",
					Map.of("title", "敬老院陪伴"))
			.field("id");
		String clashing = this.attendance
			.publish(this.organization, this.staff, "2026-11-26T10:30:00+08:00", "2026-11-26T12:00:00+08:00",
					Map.of("title", "社区义诊"))
			.field("id");
		String after = this.attendance
			.publish(this.organization, this.staff, "2026-11-26T11:00:00+08:00", "2026-11-26T12:00:00+08:00",
					Map.of("title", "图书整理"))
			.field("id");
		assertThat(this.api.post("/activities/" + held + "/sign-up", null, volunteer.token()).status()).isEqualTo(201);
		JsonNode mine = this.api.get("/me/activities", volunteer.token()).body();
		assertThat(overlapping(mine, clashing)).as("a clash with the one held").singleElement().satisfies((o) -> {
			assertThat(o.path("id").asString()).isEqualTo(held);
			assertThat(o.path("title").asString()).isEqualTo("敬老院陪伴");
			assertThat(o.path("startAt").asString()).isEqualTo("2026-11-26T09:00:00+08:00");
		});
		assertThat(overlapping(mine, after)).as("ending as the next starts is no clash").isEmpty();
		assertThat(overlapping(mine, held)).as("nothing else is held").isEmpty();
		WebSession phone = WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD);
		assertThat(phone.get("/activities/" + clashing).body()).contains("时间冲突")
			.contains("敬老院陪伴")
			.contains("2026-11-26 09:00 – 2026-11-26 11:00");
		assertThat(phone.get("/activities/" + after).body()).doesNotContain("时间冲突");
		assertThat(this.api.post("/activities/" + clashing + "/sign-up", null, volunteer.token()).status())
			.as("a clash is told, not refused")
			.isEqualTo(201);
		assertThat(phone.get("/activities").body()).contains(">时间冲突<");
		assertThat(this.api.post("/activities/" + held + "/cancel", Map.of("reason", "场地维修"), this.staff).status())
			.isEqualTo(200);
		assertThat(overlapping(this.api.get("/me/activities", volunteer.token()).body(), clashing))
			.as("a cancelled activity holds no time")
			.isEmpty();
	}

	@Test
	void signUpsAndTheWaitlistCloseAtTheDeadlineTheActivitySetsAndCancellingGoesOnUntilTheStart() {
		Volunteers.Registered early = member();
		Volunteers.Registered late = member();
		Api.Response published = this.attendance.publish(this.organization, this.staff, "2026-11-27T09:00:00+08:00",
				"2026-11-27T11:00:00+08:00", Map.of("capacity", 1, "signUpClosesMinutesBefore", 1440));
		String id = published.field("id");
		assertThat(published.body().path("signUpClosesMinutesBefore").asInt()).isEqualTo(1440);
		assertThat(published.field("signUpClosesAt")).isEqualTo("2026-11-26T09:00:00+08:00");
		Api.Response signedUp = this.api.post("/activities/" + id + "/sign-up", null, early.token());
		assertThat(signedUp.status()).isEqualTo(201);
		assertThat(signedUp.field("signUpClosesAt")).isEqualTo("2026-11-26T09:00:00+08:00");

		this.attendance.fixClock("2026-11-26T09:00:00+08:00");
		String lateToken = this.volunteers.login(late.idNumber(), Volunteers.PASSWORD);
		Api.Response closed = this.api.post("/activities/" + id + "/sign-up", null, lateToken);
		assertThat(closed.status()).isEqualTo(422);
		assertThat(closed.code()).isEqualTo("SIGN_UP_DEADLINE_PASSED");
		assertThat(this.api.post("/activities/" + id + "/waitlist", null, lateToken).code())
			.as("the waitlist closes with it")
			.isEqualTo("SIGN_UP_DEADLINE_PASSED");
		WebSession phone = WebSession.signedIn(this.port, late.idNumber(), Volunteers.PASSWORD);
		assertThat(phone.get("/activities/" + id).body()).contains("报名截止")
			.contains("2026-11-26 09:00")
			.contains("id=\"sign-up-closed\"")
			.doesNotContain("action=\"/activities/" + id + "/sign-up\"")
			.doesNotContain("id=\"join-waitlist\"");
		assertThat(phone.get("/activities").body()).as("the list says so too").contains("报名已截止");
		String earlyToken = this.volunteers.login(early.idNumber(), Volunteers.PASSWORD);
		assertThat(this.api.delete("/activities/" + id + "/sign-up", earlyToken).status())
			.as("cancelling goes on until the start")
			.isEqualTo(204);

		Api.Response removed = this.api.send("PATCH", "/activities/" + id, Map.of("signUpClosesMinutesBefore", 0),
				this.staff, Map.of());
		assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
		assertThat(removed.body().path("signUpClosesAt").isNull()).isTrue();
		assertThat(this.api.post("/activities/" + id + "/sign-up", null, lateToken).status()).isEqualTo(201);
		assertThat(this.api
			.send("PATCH", "/activities/" + id, Map.of("signUpClosesMinutesBefore", 20_161), this.staff, Map.of())
			.code()).isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void theEditorSetsTheSignUpDeadlineAndWeeklyCopiesKeepIt() {
		Api.Response published = this.attendance.publish(this.organization, this.staff, "2026-11-27T09:00:00+08:00",
				"2026-11-27T11:00:00+08:00", Map.of("signUpClosesMinutesBefore", 90));
		String id = published.field("id");
		WebSession console = WebSession.signedIn(this.port, org.yixing.test.Staff.ID_NUMBER,
				org.yixing.test.Staff.PASSWORD);
		String editor = console.get("/admin/activities/" + id + "/edit").body();
		assertThat(editor).contains("name=\"signUpClosesMinutesBefore\"")
			.contains("活动开始前1天")
			.contains("<option value=\"90\" selected>活动开始前90分钟</option>");
		Api.Response copies = this.api.post("/activities/" + id + "/weekly-copies", Map.of("weeks", 1), this.staff);
		assertThat(copies.body().get(0).path("signUpClosesAt").asString()).isEqualTo("2026-12-04T07:30:00+08:00");
	}

	private static java.util.List<JsonNode> overlapping(JsonNode activities, String id) {
		for (JsonNode a : activities) {
			if (a.path("id").asString().equals(id)) {
				return java.util.stream.StreamSupport.stream(a.path("overlapping").spliterator(), false).toList();
			}
		}
		throw new AssertionError("not listed: " + id);
	}

	private Volunteers.Registered member() {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(this.organization, volunteer.idNumber());
		return volunteer;
	}

	private Api.Response publish(Map<String, Object> extra) {
		return this.attendance.publish(this.organization, this.staff, "2026-11-25T10:00:00+08:00",
				"2026-11-25T12:00:00+08:00", extra);
	}

}
