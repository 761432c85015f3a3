package org.yixing.reminder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.shared.Secrets;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reminder job (RULES §13) over 50,000 open sessions on the embedded PostgreSQL:
 * <ol>
 * <li>steady state: 200 activities of 250 volunteers each, ending 3 minutes apart, the
 * job run every 30 s of the clock for an hour, so each run finds the reminders of the
 * last 15 minutes due and records the new ones;</li>
 * <li>the worst case: all 50,000 due in one run (one activity of 50,000), recorded with
 * their notices;</li>
 * <li>check-outs through the API while that run goes: their latency against check-outs
 * with no run going, in the same run of the benchmark.</li>
 * </ol>
 * Run with {@code bash bench/reminders.sh}; results in
 * {@code target/bench/reminders.txt}.
 */
@ApiTest
@Tag("benchmark")
class ReminderBenchmark {

	static final int ACTIVITIES = 200;

	static final int PER_ACTIVITY = 250;

	static final int SESSIONS = ACTIVITIES * PER_ACTIVITY;

	static final int WITH_PHONE = 1000;

	static final OffsetDateTime FIRST_END = OffsetDateTime.parse("2026-12-10T09:00:00+08:00");

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReminderJob job;

	@Autowired
	Secrets secrets;

	@Test
	void measure() throws Exception {
		StringBuilder out = new StringBuilder();
		Attendance attendance = new Attendance(this.api);
		Organizations organizations = new Organizations(this.api);
		attendance.fixClock(FIRST_END.minusHours(3).toString());
		String association = organizations.createTopLevel("提醒基准协会-" + UUID.randomUUID());
		String staff = organizations.staffToken();
		List<String> activities = new ArrayList<>();
		for (int i = 0; i < ACTIVITIES; i++) {
			OffsetDateTime end = FIRST_END.plusMinutes(3L * i);
			activities
				.add(attendance
					.publish(association, staff, end.minusHours(2).toString(), end.toString(),
							Map.of("membersOnly", false, "checkOutGraceMinutes", 30, "reminderMinutes", 15))
					.field("id"));
		}
		seedAccounts();
		for (int i = 0; i < ACTIVITIES; i++) {
			OffsetDateTime end = FIRST_END.plusMinutes(3L * i);
			this.jdbc
				.sql("""
						INSERT INTO attendance_sessions (id, activity_id, organization_id, account_id, device_id, method,
						  status, agreement_version, checked_in_at, check_in_lat, check_in_lng, check_in_coordinates,
						  expires_at, expiry_reason)
						SELECT gen_random_uuid(), a.id, a.organization_id, md5('reminder-bench-' || g)::uuid, 'bench', 'QUICK',
						  'OPEN', '2026-01', a.start_at, 30.4745, 114.3876, 'WGS84', ?, 'DEADLINE'
						FROM activities a, generate_series(? * ? + 1, (? + 1) * ?) g WHERE a.id = CAST(? AS uuid)""")
				.params(java.sql.Timestamp.from(end.plusMinutes(30).toInstant()), i, PER_ACTIVITY, i, PER_ACTIVITY,
						activities.get(i))
				.update();
		}
		this.jdbc.sql("ANALYZE").update();
		out.append(String.format(Locale.ROOT, "Reminder job (RULES §13) over %,d open sessions, %d activities%n",
				SESSIONS, ACTIVITIES));

		// 1. Steady state: a run every 30 s for an hour of the clock.
		List<Double> record = new ArrayList<>();
		List<Double> texts = new ArrayList<>();
		int recorded = 0;
		int sent = 0;
		OffsetDateTime from = FIRST_END.plusMinutes(30 - 15);
		for (int step = 0; step < 120; step++) {
			attendance.fixClock(from.plusSeconds(30L * step).toString());
			long begin = System.nanoTime();
			recorded += this.job.record();
			long middle = System.nanoTime();
			sent += this.job.sendTexts();
			long end = System.nanoTime();
			record.add((middle - begin) / 1e6);
			texts.add((end - middle) / 1e6);
		}
		record.sort(Double::compare);
		texts.sort(Double::compare);
		out.append(String.format(Locale.ROOT,
				"1. steady state, 120 runs 30 s apart: %,d reminders recorded with their notices, %,d texts sent%n"
						+ "   record and notify: median %.1f ms, p95 %.1f ms, max %.1f ms per run%n"
						+ "   texts (outbox gateway, %d of the volunteers have a phone): median %.1f ms, max %.1f ms per run%n",
				recorded, sent, record.get(record.size() / 2), record.get(record.size() * 95 / 100),
				record.get(record.size() - 1), WITH_PHONE, texts.get(texts.size() / 2), texts.get(texts.size() - 1)));
		assertThat(recorded).isEqualTo(20 * PER_ACTIVITY);

		// 2. The worst case: 50,000 open sessions of one activity, all due in one run.
		OffsetDateTime end = FIRST_END.plusDays(1);
		Api.Response big = attendance.publish(association, staff, end.minusHours(2).toString(), end.toString(),
				Map.of("membersOnly", false, "checkOutGraceMinutes", 30, "reminderMinutes", 15));
		this.jdbc.sql("UPDATE attendance_sessions SET status = 'VOID', voided_at = now() WHERE status = 'OPEN'")
			.update();
		this.jdbc.sql("""
				INSERT INTO attendance_sessions (id, activity_id, organization_id, account_id, device_id, method,
				  status, agreement_version, checked_in_at, check_in_lat, check_in_lng, check_in_coordinates,
				  expires_at, expiry_reason)
				SELECT gen_random_uuid(), a.id, a.organization_id, md5('reminder-bench-' || g)::uuid, 'bench', 'QUICK',
				  'OPEN', '2026-01', a.start_at, 30.4745, 114.3876, 'WGS84', ?, 'DEADLINE'
				FROM activities a, generate_series(1, ?) g WHERE a.id = CAST(? AS uuid)""")
			.params(java.sql.Timestamp.from(end.plusMinutes(30).toInstant()), SESSIONS, big.field("id"))
			.update();
		this.jdbc.sql("ANALYZE").update();
		// 3. ... while volunteers check out through the API: a baseline first.
		Volunteers volunteers = new Volunteers(this.api);
		attendance.fixClock(end.minusMinutes(30).toString());
		List<String[]> people = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			Volunteers.Registered v = volunteers.register();
			String device = Attendance.newDevice();
			people.add(new String[] { v.token(), device,
					attendance.checkIn(v.token(), device, big.field("checkInCode")).field("sessionId") });
		}
		attendance.fixClock(end.plusMinutes(16).toString());
		List<Double> alone = checkOuts(attendance, people.subList(0, 30));
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService pool = Executors.newSingleThreadExecutor();
		long begin = System.nanoTime();
		Future<Integer> run = pool.submit(() -> {
			try {
				return this.job.record();
			}
			finally {
				running.set(false);
			}
		});
		List<Double> during = new ArrayList<>();
		List<String[]> rest = people.subList(30, 60);
		int next = 0;
		while (running.get() && next < rest.size()) {
			during.addAll(checkOuts(attendance, rest.subList(next, next + 1)));
			next++;
		}
		int bigRun = run.get();
		double bigMillis = (System.nanoTime() - begin) / 1e6;
		pool.shutdown();
		during.sort(Double::compare);
		alone.sort(Double::compare);
		out.append(String.format(Locale.ROOT,
				"2. all due at once, one activity: %,d reminders recorded with their notices in %.0f ms%n", bigRun,
				bigMillis));
		out.append(String.format(Locale.ROOT,
				"3. check-outs through the API: alone median %.1f ms, max %.1f ms (%d); during that run median %.1f ms, "
						+ "max %.1f ms (%d)%n",
				alone.get(alone.size() / 2), alone.get(alone.size() - 1), alone.size(),
				during.isEmpty() ? 0 : during.get(during.size() / 2),
				during.isEmpty() ? 0 : during.get(during.size() - 1), during.size()));
		assertThat(bigRun).isGreaterThanOrEqualTo(SESSIONS);
		Path file = Path.of("target/bench/reminders.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, out.toString());
		System.out.print(out);
	}

	private List<Double> checkOuts(Attendance attendance, List<String[]> people) {
		List<Double> times = new ArrayList<>();
		for (String[] p : people) {
			long begin = System.nanoTime();
			Api.Response outcome = attendance.checkOut(p[0], p[1], p[2]);
			times.add((System.nanoTime() - begin) / 1e6);
			assertThat(outcome.status()).as(outcome.toString()).isEqualTo(200);
		}
		return times;
	}

	/** 50,000 volunteers, the first 1,000 with a phone bound (sealed like any phone). */
	private void seedAccounts() {
		this.jdbc
			.sql("""
					INSERT INTO accounts (id, real_name, id_number_hash, id_number_sealed, id_number_masked, region_code,
					  password_hash, origin, created_at, updated_at)
					SELECT md5('reminder-bench-' || g)::uuid, '提醒志愿者' || g, sha256(convert_to('reminder-bench-' || g, 'UTF8')),
					  '\\x00'::bytea, '4201**********0000', '420100', '{bench}unusable', 'DEMO', now(), now()
					FROM generate_series(1, ?) g""")
			.param(SESSIONS)
			.update();
		for (int g = 1; g <= WITH_PHONE; g++) {
			String phone = "139%08d".formatted(g);
			this.jdbc
				.sql("""
						UPDATE accounts SET phone_hash = sha256(convert_to(?, 'UTF8')), phone_sealed = ?, phone_masked = '139****0000'
						WHERE id = md5('reminder-bench-' || ?)::uuid""")
				.params(phone, this.secrets.seal("identity.phone", phone), g)
				.update();
		}
	}

}
