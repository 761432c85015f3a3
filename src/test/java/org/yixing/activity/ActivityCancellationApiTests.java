package org.yixing.activity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Association;
import org.yixing.test.Attendance;
import org.yixing.test.Inbox;
import org.yixing.test.LockWaits;
import org.yixing.test.Race;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 取消活动 (RULES §5): an activity nobody has checked in to is cancelled with a reason; its
 * code, sign-ups, edits and every route of check-in stop; the signed-up volunteers hear
 * of it once; and the database settles a check-in racing the cancellation.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivityCancellationApiTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Value("${local.server.port}")
	int port;

	Attendance attendance;

	Volunteers volunteers;

	String college;

	Volunteers.Registered admin;

	@BeforeAll
	void anOrganization() {
		Association association = Association.create(this.api, "取消学院");
		this.attendance = new Attendance(this.api);
		this.volunteers = association.volunteers();
		this.college = association.id();
		this.admin = association.admin();
	}

	@Test
	void aCancelledActivityTakesNoCheckInSignUpOrEditAndSaysWhy() {
		this.attendance.fixClock("2026-12-21T08:00:00+08:00");
		Api.Response activity = publish("2026-12-21T09:00:00+08:00", "2026-12-21T11:00:00+08:00");
		String id = activity.field("id");
		String code = activity.field("checkInCode");

		Api.Response cancelled = cancel(id, "  大雨，改期另行通知  ");
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.field("status")).isEqualTo("CANCELLED");
		assertThat(cancelled.field("cancellationReason")).isEqualTo("大雨，改期另行通知");
		assertThat(cancelled.field("cancelledAt")).isEqualTo("2026-12-21T08:00:00+08:00");
		assertThat(cancel(id, "另一个原因").field("cancellationReason")).as("cancelling again changes nothing")
			.isEqualTo("大雨，改期另行通知");

		Volunteers.Registered volunteer = this.volunteers.register();
		this.attendance.fixClock("2026-12-21T09:30:00+08:00");
		Api.Response in = this.attendance.checkIn(volunteer.token(), Attendance.newDevice(), code);
		assertThat(in.status()).isEqualTo(409);
		assertThat(in.code()).isEqualTo("ACTIVITY_CANCELLED");
		assertThat(in.body().path("detail").asString()).isEqualTo("该活动已取消");
		Api.Response byCode = this.api.get("/activities/by-code/" + code, volunteer.token());
		assertThat(byCode.field("status")).isEqualTo("CANCELLED");
		assertThat(byCode.field("cancellationReason")).isEqualTo("大雨，改期另行通知");
		assertThat(this.api.post("/activities/" + id + "/sign-up", null, volunteer.token()).code())
			.isEqualTo("ACTIVITY_CANCELLED");
		assertThat(this.api.send("PATCH", "/activities/" + id, Map.of("title", "改个名"), admin(), Map.of()).code())
			.isEqualTo("ACTIVITY_CANCELLED");
		assertThat(this.api.post("/activities/" + id + "/check-in-code", null, admin()).code())
			.isEqualTo("ACTIVITY_CANCELLED");
		assertThat(this.api.get("/activities/" + id + "/check-in-qr", admin()).code())
			.as("no 动态二维码 token for it either")
			.isEqualTo("ACTIVITY_CANCELLED");
		assertThat(this.api
			.post("/activities/" + id + "/manual-check-ins", Map.of("idNumber", volunteer.idNumber(), "reason", "没带手机"),
					admin())
			.code()).isEqualTo("ACTIVITY_CANCELLED");
		assertThat(sessionsOf(id)).isZero();
		assertThat(this.api.get("/activities/" + id, admin()).field("title")).isEqualTo("图书馆志愿服务");
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'ACTIVITY_CANCELLED' AND target_id = ?")
			.param(id)
			.query(Long.class)
			.single()).as("audited once").isEqualTo(1);
	}

	@Test
	void onlyAnAdminOfTheActivityCancelsItAndOnlyWithAReason() {
		this.attendance.fixClock("2026-12-22T08:00:00+08:00");
		String id = publish("2026-12-22T09:00:00+08:00", "2026-12-22T11:00:00+08:00").field("id");
		Api.Response stranger = this.api.post("/activities/" + id + "/cancel", Map.of("reason", "不想办了"),
				this.volunteers.register().token());
		assertThat(stranger.status()).isEqualTo(403);
		Api.Response blank = cancel(id, "   ");
		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(cancel(id, "长".repeat(501)).code()).isEqualTo("VALIDATION_FAILED");
		assertThat(this.api.get("/activities/" + id, admin()).field("status")).isEqualTo("UPCOMING");
	}

	@Test
	void anActivitySomeoneCheckedInToCannotBeCancelledEvenOnceTheirSessionIsOver() {
		this.attendance.fixClock("2026-12-23T09:10:00+08:00");
		Api.Response activity = publish("2026-12-23T09:00:00+08:00", "2026-12-23T11:00:00+08:00");
		String id = activity.field("id");
		Volunteers.Registered volunteer = this.volunteers.register();
		String device = Attendance.newDevice();
		String session = this.attendance.checkIn(volunteer.token(), device, activity.field("checkInCode"))
			.field("sessionId");
		assertThat(this.api.post("/check-ins/" + session + "/void", Map.of("reason", "代签"), admin()).status())
			.isEqualTo(200);

		Api.Response refused = cancel(id, "人太少");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("ACTIVITY_HAS_SESSIONS");
		assertThat(refused.body().path("detail").asString()).isEqualTo("已有志愿者签到，不能取消活动");
		Api.Response after = this.api.get("/activities/" + id, admin());
		assertThat(after.field("status")).isEqualTo("IN_PROGRESS");
		assertThat(after.body().path("cancellationReason").isNull()).isTrue();
		Volunteers.Registered next = this.volunteers.register();
		assertThat(
				this.attendance.checkIn(next.token(), Attendance.newDevice(), activity.field("checkInCode")).status())
			.as("the activity goes on")
			.isEqualTo(201);
	}

	@Test
	void aCheckInRacingTheCancellationNeverLeavesASessionOnACancelledActivity() {
		this.attendance.fixClock("2026-12-24T09:10:00+08:00");
		String admin = admin();
		int volunteersARound = 6;
		for (int round = 0; round < 8; round++) {
			Api.Response activity = publish("2026-12-24T09:00:00+08:00", "2026-12-24T11:00:00+08:00");
			String id = activity.field("id");
			String code = activity.field("checkInCode");
			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < volunteersARound; i++) {
				tokens.add(this.volunteers.register().token());
			}
			// the cancellation goes at a different place among the check-ins each round
			int cancelAt = round % (volunteersARound + 1);
			List<Api.Response> answers = Race.of(volunteersARound + 1, (i) -> (i == cancelAt)
					? this.api.post("/activities/" + id + "/cancel", Map.of("reason", "临时取消"), admin)
					: this.attendance.checkIn(tokens.get((i < cancelAt) ? i : i - 1), Attendance.newDevice(), code));
			Api.Response cancellation = answers.get(cancelAt);
			List<Api.Response> checkIns = new ArrayList<>(answers);
			checkIns.remove(cancelAt);
			long opened = checkIns.stream().filter((r) -> r.status() == 201).count();
			assertThat(sessionsOf(id)).as("round %d", round).isEqualTo(opened);
			if (cancellation.status() == 200) {
				assertThat(opened).as("round %d: nobody checked in to a cancelled activity", round).isZero();
				assertThat(checkIns).extracting(Api.Response::code).containsOnly("ACTIVITY_CANCELLED");
			}
			else {
				assertThat(cancellation.code()).as("round %d", round).isEqualTo("ACTIVITY_HAS_SESSIONS");
				assertThat(opened).as("round %d: refused because someone was in", round).isPositive();
				assertThat(this.api.get("/activities/" + id, admin).field("status")).isEqualTo("IN_PROGRESS");
			}
		}
	}

	@Test
	void aCheckInThatReadTheActivityBeforeTheCancellationCommittedIsRefusedByTheDatabase() throws Exception {
		this.attendance.fixClock("2026-12-28T09:10:00+08:00");
		Api.Response activity = publish("2026-12-28T09:00:00+08:00", "2026-12-28T11:00:00+08:00");
		String id = activity.field("id");
		String token = this.volunteers.register().token();
		CountDownLatch holds = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			// the cancellation's write, not yet committed: the check-in reads the
			// activity
			// as it was
			CompletableFuture<Void> cancelling = CompletableFuture
				.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
					this.jdbc
						.sql("""
								UPDATE activities SET cancelled_at = now(), cancellation_reason = '临时取消', accepts_sessions = FALSE
								WHERE id = CAST(? AS uuid)""")
						.param(id)
						.update();
					holds.countDown();
					LockWaits.await(release);
				}), threads);
			assertThat(holds.await(10, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Api.Response> checkIn = CompletableFuture.supplyAsync(
					() -> this.attendance.checkIn(token, Attendance.newDevice(), activity.field("checkInCode")),
					threads);
			LockWaits.awaitBlocked(this.jdbc, checkIn, "%INSERT INTO attendance_sessions%");
			release.countDown();
			cancelling.get(10, TimeUnit.SECONDS);
			Api.Response refused = checkIn.get(10, TimeUnit.SECONDS);
			assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
			assertThat(refused.code()).isEqualTo("ACTIVITY_CANCELLED");
		}
		assertThat(sessionsOf(id)).isZero();
	}

	@Test
	void aCancellationWaitsForACheckInStillWritingItsSessionAndIsThenRefused() throws Exception {
		this.attendance.fixClock("2026-12-29T09:10:00+08:00");
		String id = publish("2026-12-29T09:00:00+08:00", "2026-12-29T11:00:00+08:00").field("id");
		Volunteers.Registered volunteer = this.volunteers.register();
		CountDownLatch holds = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			CompletableFuture<Void> checkingIn = CompletableFuture
				.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
					this.jdbc
						.sql("""
								INSERT INTO attendance_sessions (id, activity_id, organization_id, account_id, device_id, method,
								  status, agreement_version, checked_in_at, check_in_lat, check_in_lng, check_in_coordinates,
								  expires_at, expiry_reason)
								SELECT gen_random_uuid(), a.id, a.organization_id, CAST(? AS uuid), 'racing-device', 'QUICK', 'OPEN',
								  '2026-01', now(), 30.4745, 114.3876, 'WGS84', a.end_at + interval '30 minutes', 'DEADLINE'
								FROM activities a WHERE a.id = CAST(? AS uuid)""")
						.params(volunteer.id(), id)
						.update();
					holds.countDown();
					LockWaits.await(release);
				}), threads);
			assertThat(holds.await(10, TimeUnit.SECONDS)).isTrue();
			String admin = admin();
			CompletableFuture<Api.Response> cancelling = CompletableFuture.supplyAsync(
					() -> this.api.post("/activities/" + id + "/cancel", Map.of("reason", "临时取消"), admin), threads);
			LockWaits.awaitBlocked(this.jdbc, cancelling, "%FROM activities a WHERE a.id = $1 FOR UPDATE%");
			release.countDown();
			checkingIn.get(10, TimeUnit.SECONDS);
			Api.Response refused = cancelling.get(10, TimeUnit.SECONDS);
			assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
			assertThat(refused.code()).isEqualTo("ACTIVITY_HAS_SESSIONS");
		}
		assertThat(this.api.get("/activities/" + id, admin()).field("status")).isEqualTo("IN_PROGRESS");
	}

	@Test
	void theSignedUpVolunteersAreToldOnceByNoticeAndTextAndGetNoStartReminder() {
		this.attendance.fixClock("2026-12-25T10:00:00+08:00");
		Api.Response activity = publish("2026-12-26T09:00:00+08:00", "2026-12-26T11:00:00+08:00");
		String id = activity.field("id");
		Volunteers.Registered told = this.volunteers.register();
		Volunteers.Registered quiet = this.volunteers.register();
		Volunteers.Registered withdrew = this.volunteers.register();
		for (Volunteers.Registered v : List.of(told, quiet, withdrew)) {
			assertThat(this.api.post("/activities/" + id + "/sign-up", null, v.token()).status()).isEqualTo(201);
		}
		assertThat(this.api.put("/me/settings", Map.of("smsReminders", false), quiet.token()).status()).isIn(200, 204);
		assertThat(this.api.delete("/activities/" + id + "/sign-up", withdrew.token()).status()).isEqualTo(204);

		assertThat(cancel(id, "场地临时不开放").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(cancellations(told)).hasSize(1);
			assertThat(cancellations(quiet)).hasSize(1);
		});
		assertThat(cancellations(told).get(0).path("text").asString()).contains("图书馆志愿服务")
			.contains("已取消")
			.contains("场地临时不开放");
		assertThat(cancellations(withdrew)).isEmpty();
		runAt("2026-12-25T10:01:00+08:00");
		runAt("2026-12-25T20:00:00+08:00");
		runAt("2026-12-26T08:00:00+08:00");
		assertThat(texts(told)).singleElement()
			.satisfies((t) -> assertThat(t.path("text").asString()).contains("图书馆志愿服务")
				.contains("12月26日09:00")
				.contains("已取消"));
		assertThat(texts(quiet)).isEmpty();
		assertThat(texts(withdrew)).isEmpty();
		assertThat(notices(told)).extracting((n) -> n.path("kind").asString())
			.as("no start reminder for a cancelled activity")
			.containsExactly("ACTIVITY_CANCELLED");
		assertThat(this.api.get("/me/activities", told.token()).body()).anySatisfy((a) -> {
			assertThat(a.path("id").asString()).isEqualTo(id);
			assertThat(a.path("status").asString()).isEqualTo("CANCELLED");
		});
	}

	@Test
	void theConsoleCancelsFromTheEditorAndEveryPageShowsTheReasonOrWhyNot() {
		this.attendance.fixClock("2026-12-27T08:00:00+08:00");
		WebSession console = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD);
		Api.Response activity = publish("2026-12-27T09:00:00+08:00", "2026-12-27T11:00:00+08:00");
		String id = activity.field("id");
		String code = activity.field("checkInCode");
		WebSession.Page editor = console.get("/admin/activities/" + id + "/edit");
		assertThat(editor.body()).contains("取消活动").contains("cancel-reason");
		WebSession.Page blank = console.post("/admin/activities/" + id + "/cancel", Map.of("reason", ""));
		assertThat(blank.status()).isEqualTo(400);
		WebSession.Page done = console.post("/admin/activities/" + id + "/cancel", Map.of("reason", "主办方通知取消"));
		assertThat(done.status()).isEqualTo(302);
		assertThat(done.response().headers().firstValue("Location").orElseThrow())
			.endsWith("/admin/activities/" + id + "?cancelled");
		WebSession.Page page = console.get("/admin/activities/" + id + "?cancelled");
		assertThat(page.body()).contains("活动已取消，已通知已报名的志愿者").contains("该活动已取消，原因：主办方通知取消").doesNotContain("显示签到码");
		assertThat(console.get("/admin/activities/" + id + "/edit").body()).contains("该活动已取消")
			.doesNotContain("id=\"activity-form\"");
		assertThat(console.get("/admin/organizations/" + this.college + "/activities").body()).contains("已取消");
		Volunteers.Registered volunteer = this.volunteers.register();
		WebSession phone = WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD);
		WebSession.Page live = phone.get("/check-in/live?v=2026-01&code=" + code);
		assertThat(live.body()).as("the reason, and no button that could never succeed")
			.contains("该活动已取消")
			.contains("原因：主办方通知取消")
			.doesNotContain("id=\"submit-position\"")
			.doesNotContain("id=\"face-check-in\"");
		assertThat(phone.get("/activities/" + id).body()).contains("该活动已取消，原因：主办方通知取消").doesNotContain("/sign-up");

		this.attendance.fixClock("2026-12-27T09:10:00+08:00");
		Api.Response running = publish("2026-12-27T09:00:00+08:00", "2026-12-27T11:00:00+08:00");
		assertThat(this.attendance
			.checkIn(this.volunteers.register().token(), Attendance.newDevice(), running.field("checkInCode"))
			.status()).isEqualTo(201);
		WebSession.Page refused = console.post("/admin/activities/" + running.field("id") + "/cancel",
				Map.of("reason", "人数不够"));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body()).contains("已有志愿者签到，不能取消活动").contains("value=\"人数不够\"");
	}

	@Test
	void aProjectedRotatingQrStopsAndSaysWhyOnceItsActivityIsCancelled() {
		this.attendance.fixClock("2026-12-28T08:00:00+08:00");
		WebSession console = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD);
		String id = this.attendance
			.publish(this.college, admin(), "2026-12-28T09:00:00+08:00", "2026-12-28T11:00:00+08:00",
					new HashMap<>(Map.of("membersOnly", false, "checkInMode", "ROTATING_QR")))
			.field("id");
		WebSession.Page projected = console.get("/admin/activities/" + id + "/code/rotating");
		assertThat(projected.body()).contains("hx-get=").contains("data-step=");
		assertThat(cancel(id, "场地临时关闭").status()).isEqualTo(200);
		WebSession.Page stopped = console.get("/admin/activities/" + id + "/code/rotating");
		assertThat(stopped.status()).isEqualTo(200);
		assertThat(stopped.body()).as("it says why and asks no more")
			.contains("该活动已取消，原因：场地临时关闭")
			.doesNotContain("hx-get=")
			.doesNotContain("data-step=");
	}

	private Api.Response publish(String start, String end) {
		return this.attendance.publish(this.college, admin(), start, end, new HashMap<>(Map.of("membersOnly", false)));
	}

	private Api.Response cancel(String id, String reason) {
		return this.api.post("/activities/" + id + "/cancel", Map.of("reason", reason), admin());
	}

	private long sessionsOf(String activity) {
		return this.jdbc.sql("SELECT count(*) FROM attendance_sessions WHERE activity_id = CAST(? AS uuid)")
			.param(activity)
			.query(Long.class)
			.single();
	}

	private String admin() {
		return this.volunteers.login(this.admin.idNumber(), Volunteers.PASSWORD);
	}

	private String token(Volunteers.Registered volunteer) {
		return this.volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
	}

	private void runAt(String now) {
		this.attendance.fixClock(now);
		assertThat(this.api.post("/dev/reminders/run", null).status()).isEqualTo(200);
	}

	private List<JsonNode> notices(Volunteers.Registered volunteer) {
		return StreamSupport.stream(this.api.get("/me/notices", token(volunteer)).body().spliterator(), false).toList();
	}

	private List<JsonNode> cancellations(Volunteers.Registered volunteer) {
		return Inbox.notices(this.api, token(volunteer), "ACTIVITY_CANCELLED");
	}

	private List<JsonNode> texts(Volunteers.Registered volunteer) {
		return Inbox.reminderTexts(this.api, volunteer.phone());
	}

}
