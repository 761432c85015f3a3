package org.yixing.attendance;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.PersonalCodes;
import org.yixing.test.Volunteers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yixing.test.PersonalCodes.scan;

/**
 * 扫码签到 (RULES §12): an admin scans the volunteers' personal codes, online or offline;
 * each scan is judged at its time corrected by the phone's clock, once per scan id, and
 * the codes cannot be forged, replayed or used after their minute.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizerScanApiTests {

	static final OffsetDateTime START = OffsetDateTime.parse("2026-11-25T10:00:00+08:00");

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	Attendance attendance;

	Volunteers volunteers;

	Organizations organizations;

	PersonalCodes codes;

	String association;

	String admin;

	String activityId;

	@BeforeAll
	void anActivityInOrganizerScanMode() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.codes = new PersonalCodes(this.api);
		this.association = this.organizations.createTopLevel("扫码签到协会");
		Volunteers.Registered officer = this.volunteers.register();
		this.organizations.makeAdmin(this.association, officer.id());
		this.admin = officer.token();
		this.activityId = this.attendance
			.publish(this.association, this.admin, START.toString(), START.plusHours(2).toString(),
					Map.of("membersOnly", false, "checkInMode", "ORGANIZER_SCAN"))
			.field("id");
	}

	/** Keys are issued before the scans, as a phone gets its key before the activity. */
	@org.junit.jupiter.api.BeforeEach
	void keysAreIssuedBeforeTheActivity() {
		this.attendance.fixClock(START.minusHours(1).toString());
	}

	JsonNode only(Api.Response upload) {
		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		return upload.body().get("results").get(0);
	}

	@Test
	void theFirstScanChecksInAndTheNextAMinuteLaterChecksOutWithCredit() {
		Volunteers.Registered volunteer = this.volunteers.register();
		PersonalCodes.Key key = this.codes.issue(volunteer.token());
		OffsetDateTime in = START.plusMinutes(5);
		this.attendance.fixClock(in.toString());
		JsonNode first = only(this.codes.upload(this.activityId, this.admin, in, List.of(scan(key.codeAt(in), in))));
		assertThat(first.get("outcome").asString()).isEqualTo("CHECKED_IN");
		assertThat(first.get("realName").asString()).isEqualTo("测试志愿者");
		assertThat(first.get("idNumberMasked").asString()).contains("*");

		// A second scan within the minute is the same check-in again.
		OffsetDateTime soon = in.plusSeconds(40);
		this.attendance.fixClock(soon.toString());
		JsonNode again = only(
				this.codes.upload(this.activityId, this.admin, soon, List.of(scan(key.codeAt(soon), soon))));
		assertThat(again.get("code").asString()).isEqualTo("ALREADY_CHECKED_IN");
		assertThat(again.get("message").asString()).isEqualTo("您已签到，请勿重复签到");

		OffsetDateTime out = in.plusMinutes(95);
		this.attendance.fixClock(out.toString());
		JsonNode last = only(this.codes.upload(this.activityId, this.admin, out, List.of(scan(key.codeAt(out), out))));
		assertThat(last.get("outcome").asString()).isEqualTo("CHECKED_OUT");
		assertThat(last.get("sessionId").asString()).isEqualTo(first.get("sessionId").asString());

		JsonNode mine = this.api.get("/me/sessions", volunteer.token()).body().get(0);
		assertThat(mine.get("method").asString()).isEqualTo("SCAN");
		assertThat(mine.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(mine.get("creditMinutes").asInt()).isEqualTo(95);
		JsonNode row = attendee(volunteer.id());
		assertThat(row.get("method").asString()).isEqualTo("SCAN");
		assertThat(row.get("checkOutMethod").asString()).isEqualTo("SCAN");
		assertThat(row.get("riskSignals").isEmpty()).isTrue();
	}

	@Test
	void anOfflineBatchIsJudgedAtTheTimesCorrectedByThePhonesClock() {
		Volunteers.Registered a = this.volunteers.register();
		Volunteers.Registered b = this.volunteers.register();
		PersonalCodes.Key keyA = this.codes.issue(a.token());
		PersonalCodes.Key keyB = this.codes.issue(b.token());
		// The admin's phone runs 7 minutes slow; it uploads at 11:50 by the server's
		// clock.
		long slow = 7 * 60;
		OffsetDateTime aIn = START.plusMinutes(10);
		OffsetDateTime bIn = START.plusMinutes(12);
		OffsetDateTime aOut = START.plusMinutes(70);
		OffsetDateTime upload = START.plusMinutes(110);
		this.attendance.fixClock(upload.toString());
		Api.Response batch = this.codes.upload(this.activityId, this.admin, upload.minusSeconds(slow),
				List.of(scan(keyA.codeAt(aIn), aIn.minusSeconds(slow)), scan(keyB.codeAt(bIn), bIn.minusSeconds(slow)),
						scan(keyA.codeAt(aOut), aOut.minusSeconds(slow))));
		assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
		assertThat(batch.body().get("results").findValuesAsString("outcome")).containsExactly("CHECKED_IN",
				"CHECKED_IN", "CHECKED_OUT");

		JsonNode first = this.api.get("/me/sessions", a.token()).body().get(0);
		assertThat(first.get("checkedInAt").asString()).isEqualTo("2026-11-25T10:10:00+08:00");
		assertThat(first.get("creditMinutes").asInt()).isEqualTo(60);
		// B's check-in alone stays open until the deadline, then it is void.
		assertThat(this.api.get("/me/sessions", b.token()).body().get(0).get("status").asString()).isEqualTo("OPEN");
		this.attendance.fixClock(START.plusHours(2).plusMinutes(31).toString());
		assertThat(this.api.get("/me/sessions", b.token()).body().get(0).get("status").asString()).isEqualTo("VOID");
		Map<String, Object> stored = this.jdbc.sql(
				"SELECT scanned_by::text AS by, clock_offset_ms, uploaded_at IS NOT NULL AS uploaded FROM attendance_scans WHERE account_id = CAST(? AS uuid)")
			.param(b.id())
			.query()
			.singleRow();
		assertThat(((Number) stored.get("clock_offset_ms")).longValue()).isEqualTo(slow * 1000);
		assertThat(stored.get("uploaded")).isEqualTo(true);
	}

	@Test
	void aCheckOutUploadedAfterTheDeadlineClosesTheSessionItsCheckInOpenedUnseen() {
		Volunteers.Registered volunteer = this.volunteers.register();
		PersonalCodes.Key key = this.codes.issue(volunteer.token());
		OffsetDateTime in = START.plusMinutes(20);
		OffsetDateTime out = START.plusMinutes(80);
		// Two phones offline: the check-in reaches the server after the deadline, first.
		OffsetDateTime later = START.plusHours(5);
		this.attendance.fixClock(later.toString());
		assertThat(only(this.codes.upload(this.activityId, this.admin, later, List.of(scan(key.codeAt(in), in))))
			.get("outcome")
			.asString()).isEqualTo("CHECKED_IN");
		assertThat(this.api.get("/me/sessions", volunteer.token()).body().get(0).get("status").asString())
			.isEqualTo("VOID");
		assertThat(only(this.codes.upload(this.activityId, this.admin, later, List.of(scan(key.codeAt(out), out))))
			.get("outcome")
			.asString()).isEqualTo("CHECKED_OUT");
		JsonNode session = this.api.get("/me/sessions", volunteer.token()).body().get(0);
		assertThat(session.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(session.get("creditMinutes").asInt()).isEqualTo(60);
	}

	@Test
	void theSameBatchSentTwiceRecordsEachScanOnce() {
		Volunteers.Registered volunteer = this.volunteers.register();
		PersonalCodes.Key key = this.codes.issue(volunteer.token());
		OffsetDateTime in = START.plusMinutes(30);
		this.attendance.fixClock(in.plusMinutes(1).toString());
		List<Map<String, Object>> scans = List.of(scan(key.codeAt(in), in));
		Api.Response first = this.codes.upload(this.activityId, this.admin, in.plusMinutes(1), scans);
		Api.Response second = this.codes.upload(this.activityId, this.admin, in.plusMinutes(1).plusSeconds(3), scans);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(this.api.get("/me/sessions", volunteer.token()).body()).hasSize(1);
	}

	@Test
	void aBatchWithBadScansRecordsTheGoodOnesAndNamesTheBadOnes() {
		Volunteers.Registered good = this.volunteers.register();
		Volunteers.Registered other = this.volunteers.register();
		PersonalCodes.Key key = this.codes.issue(good.token());
		PersonalCodes.Key otherKey = this.codes.issue(other.token());
		OffsetDateTime now = START.plusMinutes(40);
		this.attendance.fixClock(now.toString());
		String forged = otherKey.codeAt(now).substring(0, otherKey.codeAt(now).length() - 2) + "AA";
		String foreign = "yx:p:unknownkey123:" + org.yixing.presence.PersonalCode.stepAt(now.toInstant())
				+ ":AAAAAAAAAAAAAA";
		String stale = otherKey.codeAt(now.minusSeconds(90));
		Api.Response batch = this.codes.upload(this.activityId, this.admin, now,
				List.of(scan(forged, now), scan(key.codeAt(now), now), scan(foreign, now), scan(stale, now),
						scan("not a code", now), scan(key.codeAt(now), now.plusMinutes(3)),
						scan(otherKey.codeAt(now), now.minusHours(73))));
		assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
		assertThat(batch.body().get("results").findValuesAsString("outcome")).containsExactly("REFUSED", "CHECKED_IN",
				"REFUSED", "REFUSED", "REFUSED", "REFUSED", "REFUSED");
		List<String> codes = batch.body().get("results").valueStream().map((r) -> r.path("code").asString("")).toList();
		assertThat(codes).containsExactly("PRESENCE_CODE_INVALID", "", "PRESENCE_CODE_INVALID", "PRESENCE_CODE_INVALID",
				"PRESENCE_CODE_INVALID", "VALIDATION_FAILED", "SCAN_TOO_LATE");
		assertThat(batch.body().get("results").get(0).get("message").asString()).isEqualTo("签到码无效，请让志愿者刷新我的签到码");
		assertThat(this.api.get("/me/sessions", good.token()).body()).hasSize(1);
		assertThat(this.api.get("/me/sessions", other.token()).body()).isEmpty();
	}

	@Test
	void aValueIsAcceptedOncePerDirectionAndAKeyOnANewDeviceRevokesTheOld() {
		Volunteers.Registered volunteer = this.volunteers.register();
		PersonalCodes.Key key = this.codes.issue(volunteer.token());
		OffsetDateTime now = START.plusMinutes(50);
		this.attendance.fixClock(now.toString());
		String code = key.codeAt(now);
		JsonNode in = only(this.codes.upload(this.activityId, this.admin, now, List.of(scan(code, now))));
		assertThat(in.get("outcome").asString()).isEqualTo("CHECKED_IN");
		assertThat(this.api
			.post("/check-ins/" + in.get("sessionId").asString() + "/void", Map.of("reason", "测试重放"), this.admin)
			.status()).isEqualTo(200);
		// The same value again, for a new check-in: a replay.
		assertThat(only(this.codes.upload(this.activityId, this.admin, now, List.of(scan(code, now)))).get("code")
			.asString()).isEqualTo("PRESENCE_CODE_INVALID");

		PersonalCodes.Key newPhone = this.codes.issue(volunteer.token());
		OffsetDateTime later = now.plusMinutes(2);
		this.attendance.fixClock(later.toString());
		assertThat(only(this.codes.upload(this.activityId, this.admin, later, List.of(scan(key.codeAt(later), later))))
			.get("code")
			.asString()).isEqualTo("PRESENCE_CODE_INVALID");
		assertThat(only(
				this.codes.upload(this.activityId, this.admin, later, List.of(scan(newPhone.codeAt(later), later))))
			.get("outcome")
			.asString()).isEqualTo("CHECKED_IN");
	}

	/**
	 * RULES §12 judges an offline scan by the rules at its time: a scan made before the
	 * volunteer's new phone revoked the old key counts when uploaded after, a scan of the
	 * old key made after the revocation does not.
	 */
	@Test
	void aScanMadeBeforeTheVolunteersNewPhoneCountsWhenUploadedAfter() {
		Volunteers.Registered volunteer = this.volunteers.register();
		PersonalCodes.Key oldPhone = this.codes.issue(volunteer.token());
		OffsetDateTime scanned = START.plusMinutes(20);
		OffsetDateTime replaced = START.plusMinutes(25);
		OffsetDateTime after = START.plusMinutes(30);
		OffsetDateTime upload = START.plusMinutes(40);
		this.attendance.fixClock(replaced.toString());
		this.codes.issue(volunteer.token());
		this.attendance.fixClock(upload.toString());
		Api.Response batch = this.codes.upload(this.activityId, this.admin, upload,
				List.of(scan(oldPhone.codeAt(scanned), scanned), scan(oldPhone.codeAt(after), after)));
		assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
		assertThat(batch.body().get("results").findValuesAsString("outcome")).containsExactly("CHECKED_IN", "REFUSED");
		assertThat(batch.body().get("results").get(1).get("code").asString()).isEqualTo("PRESENCE_CODE_INVALID");
		JsonNode session = this.api.get("/me/sessions", volunteer.token()).body().get(0);
		assertThat(session.get("checkedInAt").asString()).isEqualTo("2026-11-25T10:20:00+08:00");
	}

	@Test
	void theWindowMembersOnlyAndTheDeadlineStillApply() {
		Api.Response membersOnly = this.attendance.publish(this.association, this.admin, START.toString(),
				START.plusHours(2).toString(), Map.of("membersOnly", true, "checkInMode", "ORGANIZER_SCAN"));
		Volunteers.Registered stranger = this.volunteers.register();
		PersonalCodes.Key key = this.codes.issue(stranger.token());
		OffsetDateTime early = START.minusMinutes(45);
		this.attendance.fixClock(early.toString());
		assertThat(only(this.codes.upload(this.activityId, this.admin, early, List.of(scan(key.codeAt(early), early))))
			.get("code")
			.asString()).isEqualTo("ACTIVITY_NOT_IN_PROGRESS");
		OffsetDateTime now = START.plusMinutes(5);
		this.attendance.fixClock(now.toString());
		assertThat(
				only(this.codes.upload(membersOnly.field("id"), this.admin, now, List.of(scan(key.codeAt(now), now))))
					.get("code")
					.asString())
			.isEqualTo("NOT_ORGANIZATION_MEMBER");
	}

	@Test
	void onlyAdminsOfTheActivitysOrganizationOrAboveMayScanOrVoid() {
		Volunteers.Registered volunteer = this.volunteers.register();
		PersonalCodes.Key key = this.codes.issue(volunteer.token());
		String sibling = this.organizations.createTopLevel("别的协会");
		Volunteers.Registered siblingAdmin = this.volunteers.register();
		this.organizations.makeAdmin(sibling, siblingAdmin.id());
		OffsetDateTime now = START.plusMinutes(55);
		this.attendance.fixClock(now.toString());
		for (String token : List.of(volunteer.token(), siblingAdmin.token())) {
			Api.Response refused = this.codes.upload(this.activityId, token, now, List.of(scan(key.codeAt(now), now)));
			assertThat(refused.code()).isEqualTo("FORBIDDEN");
			assertThat(this.api.get("/activities/" + this.activityId + "/roster", token).code()).isEqualTo("FORBIDDEN");
		}
		assertThat(this.api.get("/me/sessions", volunteer.token()).body()).isEmpty();
		JsonNode in = only(this.codes.upload(this.activityId, this.organizations.staffToken(), now,
				List.of(scan(key.codeAt(now), now))));
		assertThat(in.get("outcome").asString()).isEqualTo("CHECKED_IN");
		String session = in.get("sessionId").asString();
		assertThat(this.api.post("/check-ins/" + session + "/void", Map.of("reason", "x"), siblingAdmin.token()).code())
			.isEqualTo("FORBIDDEN");
		assertThat(this.api.post("/check-ins/" + session + "/void", Map.of("reason", "x"), volunteer.token()).code())
			.isEqualTo("FORBIDDEN");
	}

	@Test
	void theRosterNamesTheKeysOfMembersAndSignUpsWithoutSecrets() {
		Volunteers.Registered member = this.volunteers.register();
		this.organizations.addMember(this.association, member.idNumber());
		PersonalCodes.Key key = this.codes.issue(member.token());
		Api.Response roster = this.api.get("/activities/" + this.activityId + "/roster", this.admin);
		assertThat(roster.status()).isEqualTo(200);
		JsonNode entry = roster.body()
			.valueStream()
			.filter((r) -> r.get("keyId").asString().equals(key.keyId()))
			.findFirst()
			.orElseThrow();
		assertThat(entry.get("realName").asString()).isEqualTo("测试志愿者");
		assertThat(roster.text()).doesNotContain("secret");
	}

	JsonNode attendee(String accountId) {
		return this.api.get("/activities/" + this.activityId + "/attendance", this.admin)
			.body()
			.valueStream()
			.filter((r) -> r.get("accountId").asString().equals(accountId))
			.findFirst()
			.orElseThrow();
	}

}
