package org.yixing.attendance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Association;
import org.yixing.test.Attendance;
import org.yixing.test.IdNumbers;
import org.yixing.test.Inbox;
import org.yixing.test.Race;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 候补 (RULES §5): a full activity's waitlist, first come first served until the start; a
 * place freed or added goes to the first waiting, who is signed up and told.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaitlistApiTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WaitlistRetention retention;

	@Value("${local.server.port}")
	int port;

	Attendance attendance;

	Volunteers volunteers;

	String college;

	Volunteers.Registered admin;

	Association association;

	@BeforeAll
	void anOrganization() {
		this.association = Association.create(this.api, "候补学院");
		this.attendance = new Attendance(this.api);
		this.volunteers = this.association.volunteers();
		this.college = this.association.id();
		this.admin = this.association.admin();
	}

	@Test
	void aFreedPlaceGoesToTheFirstWaitingWhoIsSignedUpAndTold() {
		this.attendance.fixClock("2026-12-20T10:00:00+08:00");
		String id = publish("2026-12-21T09:00:00+08:00", 2).field("id");
		Volunteers.Registered first = signedUp(id);
		Volunteers.Registered second = signedUp(id);
		Volunteers.Registered a = this.volunteers.register();
		Volunteers.Registered b = this.volunteers.register();
		Volunteers.Registered c = this.volunteers.register();
		assertThat(this.api.post("/activities/" + id + "/sign-up", null, a.token()).code()).isEqualTo("ACTIVITY_FULL");
		Api.Response waiting = join(id, a);
		assertThat(waiting.status()).as(waiting.toString()).isEqualTo(201);
		assertThat(waiting.body().path("signedUp").asBoolean()).isFalse();
		assertThat(waiting.body().path("waitlistPosition").asInt()).isEqualTo(1);
		assertThat(join(id, a).body().path("waitlistPosition").asInt()).as("joining again changes nothing")
			.isEqualTo(1);
		assertThat(join(id, b).body().path("waitlistPosition").asInt()).isEqualTo(2);
		assertThat(join(id, c).body().path("waitlistPosition").asInt()).isEqualTo(3);

		assertThat(this.api.delete("/activities/" + id + "/sign-up", first.token()).status()).isEqualTo(204);
		JsonNode promoted = view(id, a);
		assertThat(promoted.path("signedUp").asBoolean()).isTrue();
		assertThat(promoted.path("waitlistPosition").isNull()).isTrue();
		assertThat(promoted.path("participants").asLong()).isEqualTo(2);
		assertThat(view(id, b).path("waitlistPosition").asInt()).isEqualTo(1);
		assertThat(view(id, c).path("waitlistPosition").asInt()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(notices(a, "WAITLIST_PROMOTED")).singleElement()
				.satisfies(
						(n) -> assertThat(n.path("text").asString()).contains("图书馆志愿服务").contains("2026-12-21 09:00")));
		assertThat(this.api.post("/dev/reminders/run", null).status()).isEqualTo(200);
		assertThat(texts(a)).singleElement()
			.satisfies((t) -> assertThat(t.path("text").asString()).contains("候补").contains("已为您报名"));
		assertThat(notices(b, "WAITLIST_PROMOTED")).isEmpty();

		assertThat(this.api.delete("/activities/" + id + "/waitlist", b.token()).status()).isEqualTo(204);
		assertThat(view(id, c).path("waitlistPosition").asInt()).isEqualTo(1);
		assertThat(this.api.delete("/activities/" + id + "/sign-up", second.token()).status()).isEqualTo(204);
		assertThat(view(id, c).path("signedUp").asBoolean()).as("b left, so c was next").isTrue();
		assertThat(view(id, b).path("signedUp").asBoolean()).isFalse();
	}

	@Test
	void withAPlaceFreeJoiningSignsUpAndAfterTheStartThoseStillWaitingAreToldNoPlaceCame() {
		this.attendance.fixClock("2026-12-22T10:00:00+08:00");
		String id = publish("2026-12-23T09:00:00+08:00", 1).field("id");
		Volunteers.Registered lucky = this.volunteers.register();
		Api.Response joined = join(id, lucky);
		assertThat(joined.body().path("signedUp").asBoolean()).isTrue();
		assertThat(joined.body().path("waitlistPosition").isNull()).isTrue();
		Volunteers.Registered waiting = this.volunteers.register();
		assertThat(join(id, waiting).body().path("waitlistPosition").asInt()).isEqualTo(1);

		this.attendance.fixClock("2026-12-23T09:05:00+08:00");
		assertThat(view(id, waiting).path("waitlistPosition").isNull()).as("the waitlist ends at the start").isTrue();
		Api.Response late = join(id, this.volunteers.register());
		assertThat(late.status()).isEqualTo(422);
		assertThat(late.code()).isEqualTo("ACTIVITY_FULL");
		assertThat(waitlistRows(id)).isEqualTo(1);

		assertThat(this.api.post("/dev/reminders/run", null).status()).isEqualTo(200);
		assertThat(this.api.post("/dev/reminders/run", null).status()).isEqualTo(200);
		assertThat(notices(waiting, "REMINDER_WAITLIST_ENDED")).as("told once")
			.singleElement()
			.satisfies((n) -> assertThat(n.path("text").asString()).contains("图书馆志愿服务")
				.contains("2026-12-23 09:00")
				.contains("未能为您报名"));
		assertThat(texts(waiting)).as("a notice only").isEmpty();
		assertThat(notices(lucky, "REMINDER_WAITLIST_ENDED")).isEmpty();

		this.retention.forget();
		assertThat(waitlistRows(id)).as("kept while those waiting are told").isEqualTo(1);
		this.attendance.fixClock("2026-12-23T11:05:00+08:00");
		this.retention.forget();
		assertThat(waitlistRows(id)).as("deleted two hours after the start").isZero();
	}

	@Test
	void placesAnAdminAddsGoToTheWaitlistInOrder() {
		this.attendance.fixClock("2026-12-24T10:00:00+08:00");
		String id = publish("2026-12-25T09:00:00+08:00", 1).field("id");
		signedUp(id);
		List<Volunteers.Registered> waiting = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Volunteers.Registered v = this.volunteers.register();
			assertThat(join(id, v).body().path("waitlistPosition").asInt()).isEqualTo(i + 1);
			waiting.add(v);
		}
		Api.Response edited = this.api.send("PATCH", "/activities/" + id, Map.of("capacity", 3), admin(), Map.of());
		assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(view(id, waiting.get(0)).path("signedUp").asBoolean()).isTrue();
			assertThat(view(id, waiting.get(1)).path("signedUp").asBoolean()).isTrue();
		});
		assertThat(view(id, waiting.get(2)).path("waitlistPosition").asInt()).isEqualTo(1);
		assertThat(view(id, waiting.get(2)).path("signedUp").asBoolean()).isFalse();
	}

	@Test
	void aPlaceAddedBeforeItsFillingRanStillGoesToThoseWaitingAndNotToANewcomer() {
		this.attendance.fixClock("2027-01-04T10:00:00+08:00");
		String id = publish("2027-01-05T09:00:00+08:00", 1).field("id");
		signedUp(id);
		Volunteers.Registered waiting = this.volunteers.register();
		join(id, waiting);
		// As if an edit had just committed and its filling had not run yet.
		this.jdbc.sql("UPDATE activities SET capacity = 2 WHERE id = CAST(? AS uuid)").param(id).update();
		Api.Response newcomer = this.api.post("/activities/" + id + "/sign-up", null,
				this.volunteers.register().token());
		assertThat(newcomer.code()).isEqualTo("ACTIVITY_FULL");
		assertThat(view(id, waiting).path("signedUp").asBoolean()).isTrue();
	}

	@Test
	void aWalkInBeforeTheStartComesAfterThoseWaitingAndOneWhoWaitedLeavesTheWaitlistByCheckingIn() {
		this.attendance.fixClock("2027-01-08T08:00:00+08:00");
		Api.Response activity = publish("2027-01-08T09:00:00+08:00", 1);
		String id = activity.field("id");
		String code = activity.field("checkInCode");
		signedUp(id);
		Volunteers.Registered first = this.volunteers.register();
		Volunteers.Registered second = this.volunteers.register();
		join(id, first);
		join(id, second);
		// As if an edit had just committed and its filling had not run yet.
		this.jdbc.sql("UPDATE activities SET capacity = 2 WHERE id = CAST(? AS uuid)").param(id).update();
		this.attendance.fixClock("2027-01-08T08:40:00+08:00");
		Api.Response walkIn = this.attendance.checkIn(this.volunteers.register().token(), Attendance.newDevice(), code);
		assertThat(walkIn.code()).as("the added place is the first waiting's").isEqualTo("ACTIVITY_FULL");
		assertThat(this.attendance.checkIn(second.token(), Attendance.newDevice(), code).code())
			.as("and not the second's either")
			.isEqualTo("ACTIVITY_FULL");
		Api.Response waited = this.attendance.checkIn(first.token(), Attendance.newDevice(), code);
		assertThat(waited.status()).as(waited.toString()).isEqualTo(201);
		assertThat(waitlistRows(id)).as("the check-in took the place").isEqualTo(1);
		assertThat(view(id, second).path("waitlistPosition").asInt()).isEqualTo(1);
	}

	@Test
	void aPlaceGivenUpByErasingTheAccountGoesToTheFirstWaiting() {
		this.attendance.fixClock("2027-01-10T10:00:00+08:00");
		String id = publish("2027-01-11T09:00:00+08:00", 1).field("id");
		Volunteers.Registered leaving = signedUp(id);
		Volunteers.Registered waiting = this.volunteers.register();
		join(id, waiting);
		Api.Response erased = this.api.send("DELETE", "/me", Map.of("password", Volunteers.PASSWORD), leaving.token(),
				Map.of());
		assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
		assertThat(view(id, waiting).path("signedUp").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(notices(waiting, "WAITLIST_PROMOTED")).hasSize(1));
	}

	@Test
	void cancellationsRacingNewSignUpsGiveEveryFreedPlaceToTheWaitlistAndNeverOverbook() {
		this.attendance.fixClock("2026-12-26T10:00:00+08:00");
		String id = publish("2026-12-27T09:00:00+08:00", 3).field("id");
		List<Volunteers.Registered> holders = List.of(signedUp(id), signedUp(id), signedUp(id));
		List<Volunteers.Registered> waiting = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Volunteers.Registered v = this.volunteers.register();
			join(id, v);
			waiting.add(v);
		}
		List<Volunteers.Registered> latecomers = List.of(this.volunteers.register(), this.volunteers.register(),
				this.volunteers.register());
		List<Api.Response> raced = Race.of(6,
				(i) -> (i < 3) ? this.api.delete("/activities/" + id + "/sign-up", holders.get(i).token())
						: this.api.post("/activities/" + id + "/sign-up", null, latecomers.get(i - 3).token()));
		assertThat(raced.subList(0, 3)).allSatisfy((r) -> assertThat(r.status()).isEqualTo(204));
		assertThat(raced.subList(3, 6)).as("a freed place went to the waitlist before anyone could take it")
			.allSatisfy((r) -> assertThat(r.code()).isEqualTo("ACTIVITY_FULL"));
		assertThat(this.jdbc.sql("SELECT count(*) FROM activity_sign_ups WHERE activity_id = CAST(? AS uuid)")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(3);
		for (int i = 0; i < 3; i++) {
			assertThat(view(id, waiting.get(i)).path("signedUp").asBoolean()).as("waiter %d", i + 1).isTrue();
		}
		assertThat(view(id, waiting.get(3)).path("waitlistPosition").asInt()).isEqualTo(1);
	}

	@Test
	void thoseWaitingHearOfACancellationByANoticeOnly() {
		this.attendance.fixClock("2026-12-30T10:00:00+08:00");
		String id = publish("2026-12-31T09:00:00+08:00", 1).field("id");
		Volunteers.Registered holder = signedUp(id);
		Volunteers.Registered waiting = this.volunteers.register();
		join(id, waiting);
		assertThat(this.api.post("/activities/" + id + "/cancel", Map.of("reason", "场地维修"), admin()).status())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(notices(holder, "ACTIVITY_CANCELLED")).hasSize(1);
			assertThat(notices(waiting, "ACTIVITY_CANCELLED")).singleElement()
				.satisfies((n) -> assertThat(n.path("text").asString()).contains("候补").contains("场地维修"));
		});
		assertThat(this.api.post("/dev/reminders/run", null).status()).isEqualTo(200);
		assertThat(texts(holder)).hasSize(1);
		assertThat(texts(waiting)).as("no place held, no text").isEmpty();
		assertThat(view(id, waiting).path("waitlistPosition").isNull()).isTrue();
		assertThat(this.api.post("/activities/" + id + "/messages", Map.of("text", "下周同一时间补办"), admin()).status())
			.isEqualTo(201);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(notices(waiting, "ACTIVITY_MESSAGE")).as("活动通知 reach those waiting too")
				.hasSize(1));
		WebSession phone = WebSession.signedIn(this.port, waiting.idNumber(), Volunteers.PASSWORD);
		assertThat(phone.get("/activities/" + id).body()).as("and they read it on the activity's page")
			.contains("下周同一时间补办");
	}

	@Test
	void thePageOffersTheWaitlistWhenFullAndTheConsoleListsIt() {
		this.attendance.fixClock("2026-12-28T10:00:00+08:00");
		String id = publish("2026-12-29T09:00:00+08:00", 1).field("id");
		signedUp(id);
		Volunteers.Registered volunteer = this.volunteers.register();
		WebSession phone = WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD);
		assertThat(phone.get("/activities/" + id).body()).contains("名额已满").contains("id=\"join-waitlist\"");
		WebSession.Page joined = phone.post("/activities/" + id + "/waitlist", Map.of());
		assertThat(joined.status()).isEqualTo(302);
		assertThat(joined.response().headers().firstValue("Location").orElseThrow()).endsWith("?waiting");
		assertThat(phone.get("/activities").body()).as("the list says so too").contains("候补中 · 第1位");
		WebSession.Page ics = phone.get("/activities/" + id + "/calendar.ics");
		assertThat(ics.status()).isEqualTo(200);
		assertThat(ics.response().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/calendar");
		assertThat(ics.body()).contains("SUMMARY:图书馆志愿服务")
			.contains("DTSTART:20261229T010000Z")
			.contains("UID:" + id + "@yixing")
			.contains("候补学院");
		assertThat(phone.get("/activities/" + id + "?waiting").body()).contains("已加入候补")
			.contains("候补中 · 第1位")
			.contains("id=\"add-to-calendar\"")
			.doesNotContain("id=\"join-waitlist\"");
		WebSession console = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD);
		assertThat(console.get("/admin/activities/" + id).body()).contains("候补名单 1");
		assertThat(phone.post("/activities/" + id + "/leave-waitlist", Map.of()).status()).isEqualTo(302);
		assertThat(phone.get("/activities/" + id + "?left").body()).contains("已退出候补").contains("id=\"join-waitlist\"");
	}

	@Test
	void onceTheActivityStartedTheRosterSaysWhoCameAndWhoDidNot() {
		this.attendance.fixClock("2027-01-02T08:00:00+08:00");
		Api.Response activity = publish("2027-01-02T09:00:00+08:00", 5);
		String id = activity.field("id");
		Volunteers.Registered came = signedUp(id);
		signedUp(id);
		WebSession console = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD);
		String before = console.get("/admin/activities/" + id).body();
		assertThat(before).contains("报名名单 2 / 5").doesNotContain("已到").doesNotContain(">未到<");
		this.attendance.fixClock("2027-01-02T09:05:00+08:00");
		assertThat(
				this.attendance.checkIn(came.token(), Attendance.newDevice(), activity.field("checkInCode")).status())
			.isEqualTo(201);
		String after = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD)
			.get("/admin/activities/" + id)
			.body();
		String roster = after.substring(after.indexOf("id=\"sign-up-roster\""));
		assertThat(after).contains("报名名单 2 / 5 · 已到 1");
		assertThat(roster.substring(0, roster.indexOf("</ol>"))).contains(">已签到<").contains(">未到<");
	}

	@Test
	void aSignUpKeptWithoutComingIsCountedAsANoShowWhereTheOrganizersAndTheVolunteerSeeIt() throws IOException {
		this.attendance.fixClock("2027-01-12T08:00:00+08:00");
		Api.Response first = publish("2027-01-12T09:00:00+08:00", 5);
		Volunteers.Registered came = signedUp(first.field("id"));
		Volunteers.Registered absent = signedUp(first.field("id"));
		Volunteers.Registered cancelled = signedUp(first.field("id"));
		assertThat(this.api.delete("/activities/" + first.field("id") + "/sign-up", cancelled.token()).status())
			.isEqualTo(204);
		this.attendance.fixClock("2027-01-12T09:05:00+08:00");
		assertThat(this.attendance.checkIn(came.token(), Attendance.newDevice(), first.field("checkInCode")).status())
			.isEqualTo(201);
		WebSession absentPhone = WebSession.signedIn(this.port, absent.idNumber(), Volunteers.PASSWORD);
		assertThat(absentPhone.get("/me/sessions").body()).as("not before the activity ended")
			.doesNotContain("id=\"no-shows\"");

		this.attendance.fixClock("2027-01-13T08:00:00+08:00");
		String next = publish("2027-01-14T09:00:00+08:00", 5).field("id");
		for (Volunteers.Registered v : List.of(came, absent, cancelled)) {
			assertThat(this.api.post("/activities/" + next + "/sign-up", null, token(v)).status()).isEqualTo(201);
		}
		String roster = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD)
			.get("/admin/activities/" + next)
			.body();
		roster = roster.substring(roster.indexOf("id=\"sign-up-roster\""));
		roster = roster.substring(0, roster.indexOf("</ol>"));
		assertThat(roster).containsOnlyOnce("近一年报名未到1次").doesNotContain("近一年报名未到2次");
		Api.Response xlsx = this.api.get("/activities/" + next + "/attendance.xlsx", admin());
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
			Sheet sheet = workbook.getSheet("报名名单");
			Map<String, Double> noShows = new HashMap<>();
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				noShows.put(sheet.getRow(r).getCell(2).getStringCellValue().replace("*", ""),
						sheet.getRow(r).getCell(6).getNumericCellValue());
			}
			assertThat(noShows).as("by the ID numbers' ends")
				.containsEntry(ends(absent), 1.0)
				.containsEntry(ends(came), 0.0)
				.containsEntry(ends(cancelled), 0.0);
		}
		assertThat(WebSession.signedIn(this.port, absent.idNumber(), Volunteers.PASSWORD).get("/me/sessions").body())
			.contains("id=\"no-shows\"")
			.contains("近一年您有1次报名后未到场")
			.contains("图书馆志愿服务 · 2027-01-12 09:00");
		// the API says the same
		Api.Response mine = this.api.get("/me/no-shows", token(absent));
		assertThat(mine.body().path("count").asInt()).isEqualTo(1);
		assertThat(mine.body().path("activities").get(0).path("id").asString()).isEqualTo(first.field("id"));
		assertThat(mine.body().path("since").asString()).startsWith("2026-01-13T08:00");
		assertThat(this.api.get("/me/no-shows", token(came)).body().path("count").asInt()).isZero();
		assertThat(this.api.get("/me/no-shows", token(cancelled)).body().path("activities").size()).isZero();
		assertThat(WebSession.signedIn(this.port, came.idNumber(), Volunteers.PASSWORD).get("/me/sessions").body())
			.doesNotContain("id=\"no-shows\"");
	}

	/**
	 * 时间冲突 on the roster: an admin who signs a volunteer up (代报名) sees, as the volunteer
	 * would, that they hold another activity at an overlapping time; one at another time,
	 * or given up, is no clash.
	 */
	@Test
	void theRosterTellsTheAdminsWhoHoldsAnotherActivityAtTheSameTime() throws IOException {
		this.attendance.fixClock("2027-01-20T08:00:00+08:00");
		String shift = publish("2027-01-21T09:00:00+08:00", 5).field("id");
		String other = this.attendance
			.publish(this.college, admin(), "2027-01-21T10:00:00+08:00", "2027-01-21T12:00:00+08:00",
					new HashMap<>(Map.of("membersOnly", false, "title", "敬老院陪伴")))
			.field("id");
		String later = publish("2027-01-22T09:00:00+08:00", 5).field("id");
		org.yixing.test.Organizations organizations = new org.yixing.test.Organizations(this.api);
		String elsewhere = this.attendance
			.publish(organizations.createTopLevel("心理学院志愿者协会"), organizations.staffToken(), "2027-01-21T08:30:00+08:00",
					"2027-01-21T09:30:00+08:00", new HashMap<>(Map.of("membersOnly", false, "title", "心理咨询陪伴")))
			.field("id");
		Volunteers.Registered busy = signedUp(other);
		assertThat(this.api.post("/activities/" + elsewhere + "/sign-up", null, token(busy)).status()).isEqualTo(201);
		assertThat(this.api.post("/activities/" + later + "/sign-up", null, token(busy)).status()).isEqualTo(201);
		Volunteers.Registered free = signedUp(later);

		Api.Response assigned = this.api.post("/activities/" + shift + "/sign-ups", Map.of("idNumber", busy.idNumber()),
				admin());
		assertThat(assigned.status()).isEqualTo(201);
		assertThat(assigned.body().path("overlapping")).as("earliest first").hasSize(2);
		assertThat(assigned.body().path("overlapping").get(0).path("title").isNull())
			.as("another organization's activity, by its time alone")
			.isTrue();
		assertThat(assigned.body().path("overlapping").get(0).path("startAt").asString())
			.startsWith("2027-01-21T08:30");
		assertThat(assigned.body().path("overlapping").get(1).path("id").asString()).isEqualTo(other);
		assertThat(assigned.body().path("overlapping").get(1).path("title").asString()).isEqualTo("敬老院陪伴");
		assertThat(this.api.post("/activities/" + shift + "/sign-ups", Map.of("idNumber", free.idNumber()), admin())
			.body()
			.path("overlapping")).isEmpty();
		WebSession console = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD);
		assertThat(console.get("/admin/activities/" + shift).body())
			.containsOnlyOnce("时间冲突：其他组织的活动 2027-01-21 08:30、敬老院陪伴")
			.doesNotContain("心理咨询陪伴");
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				new ByteArrayInputStream(this.api.get("/activities/" + shift + "/attendance.xlsx", admin()).bytes()))) {
			Sheet sheet = workbook.getSheet("报名名单");
			assertThat(sheet.getRow(0).getCell(8).getStringCellValue()).isEqualTo("时间冲突 Time clash");
			Map<String, String> clashes = new HashMap<>();
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				clashes.put(sheet.getRow(r).getCell(2).getStringCellValue().replace("*", ""),
						sheet.getRow(r).getCell(8).getStringCellValue());
			}
			assertThat(clashes).as("by the ID numbers' ends")
				.containsEntry(ends(busy), "其他组织的活动 2027-01-21 08:30:00、敬老院陪伴")
				.containsEntry(ends(free), "");
		}

		assertThat(this.api.delete("/activities/" + other + "/sign-up", token(busy)).status()).isEqualTo(204);
		assertThat(this.api.delete("/activities/" + elsewhere + "/sign-up", token(busy)).status()).isEqualTo(204);
		assertThat(this.api.get("/activities/" + shift + "/sign-ups", admin()).body())
			.allSatisfy((entry) -> assertThat(entry.path("overlapping")).isEmpty());
		assertThat(console.get("/admin/activities/" + shift).body()).doesNotContain("时间冲突");
	}

	/**
	 * The waitlist says beside each one what the roster says (报名未到, 保险, 时间冲突): those on
	 * it are the next to get a place, and the admins read it in its order, in the API,
	 * the console and the workbook; a volunteer does not.
	 */
	@Test
	void theWaitlistTellsTheAdminsWhatTheRosterTellsInItsOrder() throws IOException {
		this.attendance.fixClock("2027-01-25T08:00:00+08:00");
		String full = this.attendance
			.publish(this.college, admin(), "2027-01-26T09:00:00+08:00", "2027-01-26T11:00:00+08:00",
					new HashMap<>(Map.of("membersOnly", false, "capacity", 1, "requiresInsurance", true)))
			.field("id");
		String other = this.attendance
			.publish(this.college, admin(), "2027-01-26T10:00:00+08:00", "2027-01-26T12:00:00+08:00",
					new HashMap<>(Map.of("membersOnly", false, "title", "社区义诊引导")))
			.field("id");
		signedUp(full);
		Volunteers.Registered busy = signedUp(other);
		Volunteers.Registered free = this.volunteers.register();
		assertThat(join(full, busy).status()).isEqualTo(201);
		assertThat(join(full, free).status()).isEqualTo(201);

		Api.Response waitlist = this.api.get("/activities/" + full + "/waitlist", admin());
		assertThat(waitlist.status()).as(waitlist.toString()).isEqualTo(200);
		assertThat(waitlist.body()).hasSize(2);
		JsonNode first = waitlist.body().get(0);
		assertThat(first.path("position").asInt()).isEqualTo(1);
		assertThat(first.path("accountId").asString()).isEqualTo(busy.id());
		assertThat(first.path("idNumberMasked").asString()).contains("**********");
		assertThat(first.path("joinedAt").asString()).startsWith("2027-01-25T08:00");
		assertThat(first.path("noShowsPastYear").asInt()).isZero();
		assertThat(first.path("insured").asBoolean(true)).as("no policy for the day").isFalse();
		assertThat(first.path("overlapping")).singleElement()
			.satisfies((o) -> assertThat(o.path("title").asString()).isEqualTo("社区义诊引导"));
		JsonNode second = waitlist.body().get(1);
		assertThat(second.path("position").asInt()).isEqualTo(2);
		assertThat(second.path("accountId").asString()).isEqualTo(free.id());
		assertThat(second.path("overlapping")).isEmpty();
		assertThat(this.api.get("/activities/" + full + "/waitlist", token(free)).status())
			.as("the waitlist is for the admins")
			.isEqualTo(403);

		String page = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD)
			.get("/admin/activities/" + full)
			.body();
		String waiting = page.substring(page.indexOf("id=\"waitlist\""));
		assertThat(waiting.substring(0, waiting.indexOf("</ol>"))).containsOnlyOnce("时间冲突：社区义诊引导").contains("未投保");
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				new ByteArrayInputStream(this.api.get("/activities/" + full + "/attendance.xlsx", admin()).bytes()))) {
			Sheet sheet = workbook.getSheet("候补名单");
			assertThat(sheet.getRow(0).getCell(6).getStringCellValue()).isEqualTo("保险 Insured");
			assertThat(sheet.getRow(0).getCell(7).getStringCellValue()).isEqualTo("时间冲突 Time clash");
			assertThat(sheet.getRow(1).getCell(5).getNumericCellValue()).isZero();
			assertThat(sheet.getRow(1).getCell(6).getStringCellValue()).isEqualTo("未投保");
			assertThat(sheet.getRow(1).getCell(7).getStringCellValue()).isEqualTo("社区义诊引导");
			assertThat(sheet.getRow(2).getCell(7).getStringCellValue()).isEmpty();
		}
	}

	/**
	 * 批量代报名: a pasted column of ID numbers, each line signed up as one 代报名 and told; a
	 * line signed up before is counted, so the same list again does no harm, and each
	 * refused line is named: no such account, no ID number, no place left.
	 */
	@Test
	void anAdminSignsUpAListOfIdNumbersLineByLine() {
		this.attendance.fixClock("2027-01-28T08:00:00+08:00");
		String id = this.attendance
			.publish(this.college, admin(), "2027-01-29T09:00:00+08:00", "2027-01-29T11:00:00+08:00",
					new HashMap<>(Map.of("membersOnly", false, "capacity", 3)))
			.field("id");
		Volunteers.Registered before = signedUp(id);
		Volunteers.Registered second = this.volunteers.register();
		Volunteers.Registered third = this.volunteers.register();
		Volunteers.Registered late = this.volunteers.register();
		List<String> lines = List.of(before.idNumber(), "", second.idNumber(), IdNumbers.random(), "123",
				third.idNumber(), late.idNumber());

		Api.Response batch = this.api.post("/activities/" + id + "/sign-ups/batch", Map.of("idNumbers", lines),
				admin());
		assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
		assertThat(batch.body().path("signedUp").asInt()).isEqualTo(2);
		assertThat(batch.body().path("alreadySignedUp").asInt()).isEqualTo(1);
		assertThat(batch.body().path("errors"))
			.extracting((e) -> e.path("line").asInt() + " " + e.path("code").asString())
			.containsExactly("4 NOT_FOUND", "5 INVALID_ID_NUMBER", "7 ACTIVITY_FULL");
		assertThat(batch.body().path("errors").get(0).path("message").asString()).contains("没有这个身份证号的账号");
		assertThat(this.api.get("/activities/" + id + "/sign-ups", admin()).body())
			.extracting((e) -> e.path("accountId").asString())
			.containsExactlyInAnyOrder(before.id(), second.id(), third.id());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(notices(second, "SIGNED_UP_BY_ORGANIZER")).hasSize(1));

		Api.Response again = this.api.post("/activities/" + id + "/sign-ups/batch", Map.of("idNumbers", lines),
				admin());
		assertThat(again.body().path("signedUp").asInt()).as("the same list again does no harm").isZero();
		assertThat(again.body().path("alreadySignedUp").asInt()).isEqualTo(3);
		assertThat(again.body().path("errors")).hasSize(3);
		assertThat(notices(second, "SIGNED_UP_BY_ORGANIZER")).as("nor tells anyone twice").hasSize(1);
		assertThat(this.api.post("/activities/" + id + "/sign-ups/batch", Map.of("idNumbers", lines), token(late))
			.status()).as("for the activity's admins").isEqualTo(403);
		assertThat(this.api
			.post("/activities/" + id + "/sign-ups/batch",
					Map.of("idNumbers", java.util.Collections.nCopies(501, second.idNumber())), admin())
			.code()).isEqualTo("VALIDATION_FAILED");

		WebSession.Page page = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD)
			.post("/admin/activities/" + id + "/sign-ups/batch", Map.of("idNumbers", String.join("\n", lines)));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("已代为报名0人，此前已报名3人，未报名3行").contains("活动人数已满");
	}

	@Test
	void anAdminSignsAVolunteerUpAfterThoseWaitingAndTakesASignUpAwayToTheWaitlist() {
		this.attendance.fixClock("2027-01-15T10:00:00+08:00");
		String id = this.attendance
			.publish(this.college, admin(), "2027-01-16T09:00:00+08:00", "2027-01-16T11:00:00+08:00",
					new HashMap<>(Map.of("capacity", 1, "signUpClosesMinutesBefore", 1440)))
			.field("id");
		Volunteers.Registered member = this.volunteers.register();
		new org.yixing.test.Organizations(this.api).addMember(this.college, member.idNumber());
		Api.Response assigned = this.api.post("/activities/" + id + "/sign-ups", Map.of("idNumber", member.idNumber()),
				admin());
		assertThat(assigned.status()).as("past the deadline: 报名截止 is the volunteers'").isEqualTo(201);
		assertThat(assigned.field("accountId")).isEqualTo(member.id());
		assertThat(assigned.body().path("noShowsPastYear").asInt()).isZero();
		assertThat(this.api.post("/activities/" + id + "/sign-ups", Map.of("accountId", member.id()), admin()).status())
			.as("again changes nothing")
			.isEqualTo(201);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(notices(member, "SIGNED_UP_BY_ORGANIZER")).singleElement()
				.satisfies((n) -> assertThat(n.path("text").asString()).contains("组织方已为您报名")
					.contains("2027-01-16 09:00")));
		Volunteers.Registered other = this.volunteers.register();
		new org.yixing.test.Organizations(this.api).addMember(this.college, other.idNumber());
		Api.Response full = this.api.post("/activities/" + id + "/sign-ups", Map.of("idNumber", other.idNumber()),
				admin());
		assertThat(full.code()).isEqualTo("ACTIVITY_FULL");
		assertThat(this.api.post("/activities/" + id + "/sign-ups", Map.of("idNumber", IdNumbers.random()), admin())
			.status()).isEqualTo(404);
		Volunteers.Registered outsider = this.volunteers.register();
		assertThat(this.api.get("/activities/" + id + "/sign-ups", outsider.token()).status()).isEqualTo(403);
		assertThat(
				this.api.post("/activities/" + id + "/sign-ups", Map.of("idNumber", other.idNumber()), outsider.token())
					.status())
			.isEqualTo(403);

		// One waits (the deadline does not bar the waitlist from freed places).
		this.jdbc.sql("""
				INSERT INTO activity_waitlist (activity_id, account_id, joined_at)
				VALUES (CAST(? AS uuid), CAST(? AS uuid), now())""").params(id, other.id()).update();
		assertThat(this.api.delete("/activities/" + id + "/sign-ups/" + member.id(), admin()).status()).isEqualTo(204);
		assertThat(view(id, other).path("signedUp").asBoolean()).as("the place went to the one waiting").isTrue();
		JsonNode roster = this.api.get("/activities/" + id + "/sign-ups", admin()).body();
		assertThat(roster).hasSize(1);
		assertThat(roster.get(0).path("accountId").asString()).isEqualTo(other.id());
		assertThat(roster.get(0).path("idNumberMasked").asString()).contains("*");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(notices(member, "SIGN_UP_REMOVED_BY_ORGANIZER")).hasSize(1));
		this.attendance.fixClock("2027-01-16T09:05:00+08:00");
		assertThat(this.api.delete("/activities/" + id + "/sign-ups/" + other.id(), admin()).code())
			.isEqualTo("SIGN_UP_CLOSED");

		WebSession console = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD);
		this.attendance.fixClock("2027-01-15T10:00:00+08:00");
		String next = this.attendance
			.publish(this.college, admin(), "2027-01-17T09:00:00+08:00", "2027-01-17T11:00:00+08:00",
					new HashMap<>(Map.of("membersOnly", true)))
			.field("id");
		console = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD);
		WebSession.Page refused = console.post("/admin/activities/" + next + "/sign-ups",
				Map.of("idNumber", outsider.idNumber()));
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body()).contains("您暂未加入该组织").contains("value=\"" + outsider.idNumber() + "\"");
		WebSession.Page signedUp = console.post("/admin/activities/" + next + "/sign-ups",
				Map.of("idNumber", member.idNumber()));
		assertThat(signedUp.status()).isEqualTo(302);
		String page = console.get("/admin/activities/" + next + "?signedUp").body();
		assertThat(page).contains("已代为报名").contains("/sign-ups/" + member.id() + "/remove");
		assertThat(
				console.post("/admin/activities/" + next + "/sign-ups/" + member.id() + "/remove", Map.of()).status())
			.isEqualTo(302);
		assertThat(this.api.get("/activities/" + next + "/sign-ups", admin()).body()).isEmpty();
	}

	@Test
	void theAttendanceWorkbookCarriesTheRosterWithWhoCameAndTheWaitlist() throws IOException {
		this.attendance.fixClock("2027-01-06T08:00:00+08:00");
		Api.Response activity = publish("2027-01-06T09:00:00+08:00", 2);
		String id = activity.field("id");
		Volunteers.Registered came = signedUp(id);
		signedUp(id);
		Volunteers.Registered waiting = this.volunteers.register();
		join(id, waiting);
		this.attendance.fixClock("2027-01-06T09:05:00+08:00");
		assertThat(
				this.attendance.checkIn(came.token(), Attendance.newDevice(), activity.field("checkInCode")).status())
			.isEqualTo(201);
		Api.Response xlsx = this.api.get("/activities/" + id + "/attendance.xlsx", admin());
		assertThat(xlsx.status()).isEqualTo(200);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
			assertThat(workbook.getSheetName(0)).isEqualTo("签到记录");
			Sheet roster = workbook.getSheet("报名名单");
			assertThat(roster.getLastRowNum()).isEqualTo(2);
			List<String> marks = new ArrayList<>();
			for (int r = 1; r <= 2; r++) {
				assertThat(roster.getRow(r).getCell(2).getStringCellValue()).contains("**********");
				marks.add(roster.getRow(r).getCell(5).getStringCellValue());
			}
			assertThat(marks).containsExactlyInAnyOrder("已签到", "未到");
			Sheet waitlist = workbook.getSheet("候补名单");
			assertThat(waitlist.getLastRowNum()).isEqualTo(1);
			assertThat(waitlist.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(1.0);
			assertThat(waitlist.getRow(1).getCell(4).getStringCellValue()).isEqualTo("2027-01-06 08:00:00");
		}
	}

	private Api.Response publish(String start, int capacity) {
		return this.attendance.publish(this.college, admin(), start, start.replace("T09:00", "T11:00"),
				new HashMap<>(Map.of("membersOnly", false, "capacity", capacity)));
	}

	private Volunteers.Registered signedUp(String id) {
		Volunteers.Registered volunteer = this.volunteers.register();
		assertThat(this.api.post("/activities/" + id + "/sign-up", null, volunteer.token()).status()).isEqualTo(201);
		return volunteer;
	}

	private Api.Response join(String id, Volunteers.Registered volunteer) {
		return this.api.post("/activities/" + id + "/waitlist", null, token(volunteer));
	}

	private JsonNode view(String id, Volunteers.Registered volunteer) {
		return StreamSupport.stream(this.api.get("/me/activities", token(volunteer)).body().spliterator(), false)
			.filter((a) -> a.path("id").asString().equals(id))
			.findFirst()
			.orElseGet(() -> this.api.get("/activities/" + id, token(volunteer)).body());
	}

	/** An ID number as the workbook masks it, without the stars. */
	private static String ends(Volunteers.Registered volunteer) {
		return volunteer.idNumber().substring(0, 4) + volunteer.idNumber().substring(14);
	}

	private long waitlistRows(String id) {
		return this.jdbc.sql("SELECT count(*) FROM activity_waitlist WHERE activity_id = CAST(? AS uuid)")
			.param(id)
			.query(Long.class)
			.single();
	}

	private String admin() {
		return this.association.adminToken();
	}

	private String token(Volunteers.Registered volunteer) {
		return this.volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
	}

	private List<JsonNode> notices(Volunteers.Registered volunteer, String kind) {
		return Inbox.notices(this.api, token(volunteer), kind);
	}

	private List<JsonNode> texts(Volunteers.Registered volunteer) {
		return Inbox.reminderTexts(this.api, volunteer.phone());
	}

}
