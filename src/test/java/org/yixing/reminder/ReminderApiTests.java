package org.yixing.reminder;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.sms.ReminderTexts;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.RetentionRuns;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RULES §13 through the API, with the dev clock: each reminder on time and once, never
 * for what is already closed or cancelled, texts only when allowed and within their own
 * daily cap.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReminderApiTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReminderRetention retention;

	@Value("${local.server.port}")
	int port;

	Attendance attendance;

	Volunteers volunteers;

	String college;

	Volunteers.Registered admin;

	@BeforeAll
	void anOrganization() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		Organizations organizations = new Organizations(this.api);
		this.college = organizations.createTopLevel("提醒学院");
		Volunteers.Registered admin = this.volunteers.register();
		organizations.makeAdmin(this.college, admin.id());
		this.admin = admin;
	}

	@Test
	void aVolunteerStillCheckedInIsRemindedFifteenMinutesBeforeTheDeadlineOnceByNoticeAndText() {
		Api.Response activity = publish("2026-12-10T10:00:00+08:00", "2026-12-10T12:00:00+08:00", Map.of());
		assertThat(activity.body().path("reminderMinutes").asInt()).isEqualTo(15);
		Volunteers.Registered volunteer = checkedIn(activity, "2026-12-10T10:05:00+08:00");
		runAt("2026-12-10T12:14:59+08:00");
		assertThat(reminders(volunteer)).isEmpty();
		assertThat(texts(volunteer)).isEmpty();
		runAt("2026-12-10T12:15:00+08:00");
		assertThat(reminders(volunteer)).extracting((n) -> n.path("kind").asString())
			.containsExactly("REMINDER_CHECK_OUT");
		assertThat(reminders(volunteer).get(0).path("text").asString()).contains("签退").contains("2026-12-10 12:30");
		assertThat(texts(volunteer)).hasSize(1);
		assertThat(texts(volunteer).get(0).path("text").asString()).contains("图书馆志愿服务")
			.contains("12:30")
			.contains("签退");
		runAt("2026-12-10T12:16:00+08:00");
		runAt("2026-12-10T12:29:00+08:00");
		assertThat(reminders(volunteer)).hasSize(1);
		assertThat(texts(volunteer)).hasSize(1);
	}

	@Test
	void theLeadIsSetPerActivityAndZeroTurnsTheCheckOutReminderOff() {
		Api.Response activity = publish("2026-12-11T10:00:00+08:00", "2026-12-11T12:00:00+08:00",
				Map.of("reminderMinutes", 40));
		Volunteers.Registered early = checkedIn(activity, "2026-12-11T10:05:00+08:00");
		runAt("2026-12-11T11:50:00+08:00");
		assertThat(reminders(early)).hasSize(1);

		Api.Response off = publish("2026-12-11T10:00:00+08:00", "2026-12-11T12:00:00+08:00", Map.of());
		Api.Response patched = this.api.send("PATCH", "/activities/" + off.field("id"), Map.of("reminderMinutes", 0),
				admin(), Map.of());
		assertThat(patched.body().path("reminderMinutes").asInt()).isZero();
		Volunteers.Registered none = checkedIn(off, "2026-12-11T10:05:00+08:00");
		runAt("2026-12-11T12:20:00+08:00");
		runAt("2026-12-11T12:29:00+08:00");
		assertThat(reminders(none)).isEmpty();
		assertThat(texts(none)).isEmpty();

		Api.Response tooLong = this.api.send("PATCH", "/activities/" + off.field("id"), Map.of("reminderMinutes", 1441),
				admin(), Map.of());
		assertThat(tooLong.code()).isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void noReminderForASessionAlreadyCheckedOutOrVoided() {
		Api.Response activity = publish("2026-12-12T10:00:00+08:00", "2026-12-12T12:00:00+08:00", Map.of());
		String device = Attendance.newDevice();
		Volunteers.Registered out = this.volunteers.register();
		this.attendance.fixClock("2026-12-12T10:05:00+08:00");
		String session = this.attendance.checkIn(token(out), device, activity.field("checkInCode")).field("sessionId");
		this.attendance.fixClock("2026-12-12T12:00:00+08:00");
		assertThat(this.attendance.checkOut(token(out), device, session).status()).isEqualTo(200);

		Volunteers.Registered voided = this.volunteers.register();
		this.attendance.fixClock("2026-12-12T10:06:00+08:00");
		String voidedSession = this.attendance
			.checkIn(token(voided), Attendance.newDevice(), activity.field("checkInCode"))
			.field("sessionId");
		this.attendance.fixClock("2026-12-12T12:01:00+08:00");
		assertThat(this.api.post("/check-ins/" + voidedSession + "/void", Map.of("reason", "代签"), admin()).status())
			.isEqualTo(200);

		runAt("2026-12-12T12:20:00+08:00");
		assertThat(reminders(out)).isEmpty();
		assertThat(texts(out)).isEmpty();
		assertThat(reminders(voided)).extracting((n) -> n.path("kind").asString()).doesNotContain("REMINDER_CHECK_OUT");
		assertThat(texts(voided)).isEmpty();
	}

	@Test
	void aVolunteerWhoTurnedTextRemindersOffGetsTheNoticeAlone() {
		Api.Response activity = publish("2026-12-13T10:00:00+08:00", "2026-12-13T12:00:00+08:00", Map.of());
		Volunteers.Registered volunteer = checkedIn(activity, "2026-12-13T10:05:00+08:00");
		assertThat(this.api.get("/me/settings", token(volunteer)).body().path("smsReminders").asBoolean()).isTrue();
		Api.Response off = this.api.put("/me/settings", Map.of("smsReminders", false), token(volunteer));
		assertThat(off.status()).isEqualTo(200);
		assertThat(off.body().path("smsReminders").asBoolean()).isFalse();
		assertThat(this.api.put("/me/settings", Map.of("smsReminders", false), token(volunteer)).status())
			.isEqualTo(200);
		assertThat(this.api.get("/me/settings", token(volunteer)).body().path("smsReminders").asBoolean()).isFalse();
		assertThat(this.api.put("/me/settings", Map.of(), token(volunteer)).code()).isEqualTo("VALIDATION_FAILED");
		for (Object notABoolean : new Object[] { -1, 1, 0.5, "yes", Map.of("on", true) }) {
			Api.Response refused = this.api.put("/me/settings", Map.of("smsReminders", notABoolean), token(volunteer));
			assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
			assertThat(refused.contentType()).startsWith("application/problem+json");
		}
		runAt("2026-12-13T12:16:00+08:00");
		assertThat(reminders(volunteer)).hasSize(1);
		assertThat(texts(volunteer)).isEmpty();
	}

	@Test
	void atTwentyToMidnightASessionThatMidnightWillCloseIsRemindedNamingTheActivity() {
		Api.Response activity = publish("2026-12-14T20:00:00+08:00", "2026-12-15T02:00:00+08:00",
				Map.of("title", "跨年夜守护"));
		Volunteers.Registered volunteer = checkedIn(activity, "2026-12-14T22:00:00+08:00");
		runAt("2026-12-14T23:39:59+08:00");
		assertThat(reminders(volunteer)).isEmpty();
		runAt("2026-12-14T23:40:00+08:00");
		runAt("2026-12-14T23:45:00+08:00");
		assertThat(reminders(volunteer)).extracting((n) -> n.path("kind").asString())
			.containsExactly("REMINDER_MIDNIGHT");
		assertThat(reminders(volunteer).get(0).path("text").asString()).contains("跨年夜守护").contains("24:00");
		assertThat(texts(volunteer)).singleElement()
			.satisfies((t) -> assertThat(t.path("text").asString()).contains("跨年夜守护").contains("24:00"));
		// Midnight closes the session: its deadline (02:30) never gets a reminder.
		runAt("2026-12-15T02:20:00+08:00");
		assertThat(reminders(volunteer)).hasSize(1);
	}

	@Test
	void aSignedUpVolunteerIsRemindedTheEveningBeforeAndAnHourBeforeTheStartEachOnce() {
		Api.Response activity = publish("2026-12-17T09:00:00+08:00", "2026-12-17T11:00:00+08:00", Map.of());
		Volunteers.Registered volunteer = signedUp(activity, "2026-12-16T10:00:00+08:00");
		runAt("2026-12-16T19:59:00+08:00");
		assertThat(reminders(volunteer)).isEmpty();
		runAt("2026-12-16T20:00:00+08:00");
		runAt("2026-12-16T22:00:00+08:00");
		assertThat(reminders(volunteer)).extracting((n) -> n.path("kind").asString()).containsExactly("REMINDER_EVE");
		assertThat(reminders(volunteer).get(0).path("text").asString()).contains("2026-12-17 09:00");
		runAt("2026-12-17T07:59:00+08:00");
		assertThat(reminders(volunteer)).hasSize(1);
		runAt("2026-12-17T08:00:00+08:00");
		runAt("2026-12-17T08:30:00+08:00");
		assertThat(reminders(volunteer)).extracting((n) -> n.path("kind").asString())
			.containsExactly("REMINDER_HOUR_BEFORE", "REMINDER_EVE");
		assertThat(texts(volunteer)).hasSize(2)
			.allSatisfy((t) -> assertThat(t.path("purpose").asString()).isEqualTo("REMINDER"));
		assertThat(texts(volunteer)).allSatisfy((t) -> assertThat(t.path("code").isNull()).isTrue());
	}

	@Test
	void signedUpVolunteersAreToldOfANewTimeOrPlaceOnceEachAndTheTextSaysTheStartThatHolds() {
		Api.Response activity = publish("2026-12-30T09:00:00+08:00", "2026-12-30T11:00:00+08:00",
				Map.of("place", "图书馆"));
		String id = activity.field("id");
		Volunteers.Registered volunteer = signedUp(activity, "2026-12-28T10:00:00+08:00");
		Volunteers.Registered bystander = this.volunteers.register();

		assertThat(patch(id, Map.of("startAt", "2026-12-30T10:00:00+08:00", "endAt", "2026-12-30T12:00:00+08:00"))
			.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> moves(volunteer).size() == 1);
		assertThat(moves(volunteer).get(0).path("text").asString()).contains("有变动")
			.contains("2026-12-30 10:00–12:00，图书馆");
		// a title alone is no move; the next place change is, and is told on its own
		assertThat(patch(id, Map.of("title", "图书馆志愿服务（二）")).status()).isEqualTo(200);
		assertThat(patch(id, Map.of("place", "操场")).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> moves(volunteer).size() == 2);
		// moved again before the texts went: only the start that holds is texted
		assertThat(patch(id, Map.of("startAt", "2026-12-30T10:30:00+08:00")).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> moves(volunteer).size() == 3);
		runAt("2026-12-28T10:05:00+08:00");
		assertThat(texts(volunteer)).as("the moves to 10:00 are dropped, the one to 10:30 goes")
			.singleElement()
			.satisfies((t) -> assertThat(t.path("text").asString()).contains("有变动").contains("12月30日10:30"));
		assertThat(moves(bystander)).isEmpty();
		runAt("2026-12-29T20:00:00+08:00");
		assertThat(reminders(volunteer)).extracting((n) -> n.path("text").asString())
			.singleElement()
			.asString()
			.contains("2026-12-30 10:30");
	}

	@Test
	void aCancelledSignUpIsNotReminded() {
		Api.Response activity = publish("2026-12-19T09:00:00+08:00", "2026-12-19T11:00:00+08:00", Map.of());
		Volunteers.Registered volunteer = signedUp(activity, "2026-12-18T10:00:00+08:00");
		assertThat(this.api.delete("/activities/" + activity.field("id") + "/sign-up", token(volunteer)).status())
			.isEqualTo(204);
		runAt("2026-12-18T20:00:00+08:00");
		runAt("2026-12-19T08:10:00+08:00");
		assertThat(reminders(volunteer)).isEmpty();
		assertThat(texts(volunteer)).isEmpty();
	}

	@Test
	void aPhoneGetsAtMostFiveReminderTextsADayAndTheyLeaveTheVerificationCodesQuotaAlone() {
		this.attendance.fixClock("2026-12-20T10:00:00+08:00");
		Volunteers.Registered volunteer = this.volunteers.register();
		for (int i = 0; i < 6; i++) {
			Api.Response activity = publish("2026-12-21T09:0" + i + ":00+08:00", "2026-12-21T11:00:00+08:00", Map.of());
			assertThat(
					this.api.post("/activities/" + activity.field("id") + "/sign-up", null, token(volunteer)).status())
				.isEqualTo(201);
		}
		runAt("2026-12-20T20:00:00+08:00");
		assertThat(reminders(volunteer)).as("notices always go out").hasSize(6);
		assertThat(texts(volunteer)).hasSize(ReminderTexts.DAILY_LIMIT);
		assertThat(this.jdbc.sql("SELECT count(*) FROM reminders WHERE sms_status = 'CAPPED'")
			.query(Integer.class)
			.single()).isEqualTo(1);
		// Registration sent one code today; the other two of RULES §2's three still go.
		this.volunteers.sendCode(volunteer.phone(), "RESET_PASSWORD");
		this.volunteers.sendCode(volunteer.phone(), "RESET_PASSWORD");
		assertThat(this.api.post("/sms-codes", Map.of("phone", volunteer.phone(), "purpose", "RESET_PASSWORD")).code())
			.isIn("SMS_DAILY_LIMIT", "SMS_TOO_FREQUENT");
		assertThat(texts(volunteer)).hasSize(ReminderTexts.DAILY_LIMIT);
	}

	@Test
	void aReminderAndItsNoticeAreForgottenThirtyDaysAfterItsMoment() {
		Api.Response activity = publish("2027-03-01T10:00:00+08:00", "2027-03-01T12:00:00+08:00", Map.of());
		Volunteers.Registered volunteer = checkedIn(activity, "2027-03-01T10:05:00+08:00");
		runAt("2027-03-01T12:15:00+08:00");
		assertThat(recordsOf(volunteer)).containsExactly("SENT");

		this.attendance.fixClock("2027-03-31T12:30:00+08:00");
		assertThat(reminders(volunteer)).as("the notice, until 30 days after the 12:30 deadline").hasSize(1);
		RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteOldReminders(1));
		assertThat(recordsOf(volunteer)).as("30 days after the 12:30 deadline").containsExactly("SENT");
		this.attendance.fixClock("2027-03-31T12:30:01+08:00");
		assertThat(RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteOldReminders(1)))
			.isGreaterThanOrEqualTo(1);
		assertThat(recordsOf(volunteer)).isEmpty();
		assertThat(reminders(volunteer)).as("the notice goes with the record").isEmpty();
		assertThat(texts(volunteer)).hasSize(1);
	}

	@Test
	void theConsoleEditorSetsTheReminderLeadAndRefusesOneOutOfRange() {
		WebSession console = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD);
		console.get("/admin/organizations/" + this.college + "/activities/new");
		Map<String, String> form = new HashMap<>(Map.of("title", "编辑器提醒", "startAt", "2026-12-22T09:00", "endAt",
				"2026-12-22T11:00", "fenceType", "CIRCLE", "centerLat", "30.47", "centerLng", "114.38", "radiusMeters",
				"200", "checkInOpensMinutesBefore", "30", "checkOutGraceMinutes", "30"));
		form.put("reminderMinutes", "25");
		WebSession.Page published = console.post("/admin/organizations/" + this.college + "/activities", form);
		assertThat(published.status()).isEqualTo(302);
		String location = published.response().headers().firstValue("Location").orElseThrow();
		String id = location.replaceAll(".*/admin/activities/([^?]+).*", "$1");
		assertThat(this.api.get("/activities/" + id, admin()).body().path("reminderMinutes").asInt()).isEqualTo(25);
		WebSession.Page editor = console.get("/admin/activities/" + id + "/edit");
		assertThat(editor.body()).contains("id=\"reminderMinutes\"").contains("value=\"25\"");
		form.put("reminderMinutes", "2000");
		WebSession.Page refused = console.post("/admin/activities/" + id + "/edit", form);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("分钟数须在0到1440之间");
		assertThat(this.api.get("/activities/" + id, admin()).body().path("reminderMinutes").asInt()).isEqualTo(25);
	}

	private Api.Response publish(String start, String end, Map<String, Object> extra) {
		Map<String, Object> body = new HashMap<>(Map.of("membersOnly", false));
		body.putAll(extra);
		return this.attendance.publish(this.college, admin(), start, end, body);
	}

	private Volunteers.Registered checkedIn(Api.Response activity, String at) {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.attendance.fixClock(at);
		Api.Response in = this.attendance.checkIn(token(volunteer), Attendance.newDevice(),
				activity.field("checkInCode"));
		assertThat(in.status()).as(in.toString()).isEqualTo(201);
		return volunteer;
	}

	private Volunteers.Registered signedUp(Api.Response activity, String at) {
		this.attendance.fixClock(at);
		Volunteers.Registered volunteer = this.volunteers.register();
		assertThat(this.api.post("/activities/" + activity.field("id") + "/sign-up", null, token(volunteer)).status())
			.isEqualTo(201);
		return volunteer;
	}

	/** Tokens expire while the clock moves on by days: sign in again for each call. */
	private String token(Volunteers.Registered volunteer) {
		return this.volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
	}

	private String admin() {
		return token(this.admin);
	}

	private void runAt(String now) {
		this.attendance.fixClock(now);
		assertThat(this.api.post("/dev/reminders/run", null).status()).isEqualTo(200);
	}

	/** The text states of the volunteer's reminder records. */
	private List<String> recordsOf(Volunteers.Registered volunteer) {
		return this.jdbc.sql("SELECT sms_status FROM reminders WHERE account_id = CAST(? AS uuid)")
			.param(volunteer.id())
			.query(String.class)
			.list();
	}

	private List<JsonNode> reminders(Volunteers.Registered volunteer) {
		return StreamSupport.stream(this.api.get("/me/notices", token(volunteer)).body().spliterator(), false)
			.filter((n) -> n.path("kind").asString().startsWith("REMINDER_"))
			.toList();
	}

	private Api.Response patch(String activity, Map<String, Object> changes) {
		return this.api.send("PATCH", "/activities/" + activity, changes, admin(), Map.of());
	}

	private List<JsonNode> moves(Volunteers.Registered volunteer) {
		return StreamSupport.stream(this.api.get("/me/notices", token(volunteer)).body().spliterator(), false)
			.filter((n) -> "ACTIVITY_MOVED".equals(n.path("kind").asString()))
			.toList();
	}

	private List<JsonNode> texts(Volunteers.Registered volunteer) {
		return StreamSupport
			.stream(this.api.get("/dev/sms-outbox?phone=" + volunteer.phone()).body().spliterator(), false)
			.filter((m) -> "REMINDER".equals(m.path("purpose").asString()))
			.toList();
	}

}
