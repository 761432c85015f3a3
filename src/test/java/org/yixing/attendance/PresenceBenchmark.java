package org.yixing.attendance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.NestedPlans;
import org.yixing.test.Organizations;
import org.yixing.test.PersonalCodes;
import org.yixing.test.Volunteers;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.geo.Geofence;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What presence you can trust costs (RULES §12), over HTTP on the embedded PostgreSQL: an
 * upload of 500 offline scans (check-ins, then their check-outs, then the same batch sent
 * again), check-in throughput with 动态二维码 against 签到码 in alternating rounds of the same
 * run, and the risk signals' own time per check-in with the plan of their query over
 * 200,000 sessions. Run with {@code bash bench/presence.sh}; results in
 * {@code target/bench/presence.txt}.
 */
@ApiTest
@Tag("benchmark")
class PresenceBenchmark {

	static final int SCANS = 500;

	static final int RUSH = 300;

	static final int ROUNDS = 6;

	static final int CLIENTS = 8;

	static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-25T10:05:00+08:00");

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RiskSignals risks;

	@Autowired
	javax.sql.DataSource dataSource;

	@Test
	void measure() throws Exception {
		Attendance attendance = new Attendance(this.api);
		Volunteers volunteers = new Volunteers(this.api);
		Organizations organizations = new Organizations(this.api);
		PersonalCodes codes = new PersonalCodes(this.api);
		attendance.fixClock(NOW.toString());
		String association = organizations.createTopLevel("基准协会-" + UUID.randomUUID());
		String admin = organizations.staffToken();
		String start = "2026-11-25T10:00:00+08:00";
		String end = "2026-11-25T12:00:00+08:00";
		String scanned = attendance
			.publish(association, admin, start, end, Map.of("membersOnly", false, "checkInMode", "ORGANIZER_SCAN"))
			.field("id");
		Api.Response code = attendance.publish(association, admin, start, end, Map.of("membersOnly", false));
		Api.Response rotating = attendance.publish(association, admin, start, end,
				Map.of("membersOnly", false, "checkInMode", "ROTATING_QR"));
		List<Volunteers.Registered> people = new ArrayList<>();
		List<PersonalCodes.Key> keys = new ArrayList<>();
		for (int i = 0; i < Math.max(SCANS, RUSH); i++) {
			Volunteers.Registered v = volunteers.register();
			people.add(v);
			keys.add(codes.issue(v.token()));
		}
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "Presence over HTTP on %d cores, embedded PostgreSQL%n",
				Runtime.getRuntime().availableProcessors()));

		// 1. 500 offline scans in one upload: check-ins, then check-outs, then the first
		// batch again.
		OffsetDateTime in = NOW.minusMinutes(3);
		OffsetDateTime outAt = NOW.minusMinutes(1);
		List<Map<String, Object>> ins = new ArrayList<>();
		List<Map<String, Object>> outs = new ArrayList<>();
		for (int i = 0; i < SCANS; i++) {
			ins.add(PersonalCodes.scan(keys.get(i).codeAt(in), in.plusNanos(i * 1000L)));
			outs.add(PersonalCodes.scan(keys.get(i).codeAt(outAt), outAt.plusNanos(i * 1000L)));
		}
		double inSeconds = timed(() -> expect(codes.upload(scanned, admin, NOW, ins), "CHECKED_IN"));
		double outSeconds = timed(() -> expect(codes.upload(scanned, admin, NOW, outs), "CHECKED_OUT"));
		double againSeconds = timed(() -> expect(codes.upload(scanned, admin, NOW, ins), "CHECKED_IN"));
		out.append(String.format(Locale.ROOT, "%n%d offline scans in one upload (judged and stored):%n", SCANS));
		out.append(String.format(Locale.ROOT, "  check-ins  %.2f s%n  check-outs %.2f s%n  sent again %.2f s%n",
				inSeconds, outSeconds, againSeconds));

		// 2. The rush: 签到码 against 动态二维码, alternating rounds, same volunteers and server.
		String token = this.api.get("/activities/" + rotating.field("id") + "/check-in-qr", admin).field("token");
		List<String> devices = people.stream().map((p) -> Attendance.newDevice()).toList();
		Map<String, List<Double>> rates = new HashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		for (int round = 0; round < ROUNDS + 1; round++) {
			for (String mode : List.of("CODE", "ROTATING_QR")) {
				String checkInCode = mode.equals("CODE") ? code.field("checkInCode") : rotating.field("checkInCode");
				Map<String, Object> extra = mode.equals("CODE") ? Map.of() : Map.of("qrToken", token);
				List<String> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();
				long begin = System.nanoTime();
				List<Future<?>> calls = new ArrayList<>();
				for (int i = 0; i < RUSH; i++) {
					int who = i;
					calls.add(pool.submit(() -> {
						double lat = Attendance.LAT + (who % 50) * 0.00001;
						Api.Response r = attendance.checkIn(people.get(who).token(), devices.get(who), checkInCode, lat,
								Attendance.LNG, extra);
						assertThat(r.status()).as(r.toString()).isEqualTo(201);
						sessions.add(who + ":" + r.field("sessionId"));
					}));
				}
				for (Future<?> f : calls) {
					f.get();
				}
				double seconds = (System.nanoTime() - begin) / 1e9;
				if (round > 0) {
					rates.computeIfAbsent(mode, (k) -> new ArrayList<>()).add(RUSH / seconds);
				}
				List<Future<?>> checkOuts = new ArrayList<>();
				for (String s : sessions) {
					int who = Integer.parseInt(s.substring(0, s.indexOf(':')));
					String session = s.substring(s.indexOf(':') + 1);
					checkOuts.add(pool.submit(
							() -> attendance.checkOut(people.get(who).token(), devices.get(who), session).status()));
				}
				for (Future<?> f : checkOuts) {
					f.get();
				}
			}
		}
		pool.shutdown();
		double codeRate = median(rates.get("CODE"));
		double qrRate = median(rates.get("ROTATING_QR"));
		out.append(String.format(Locale.ROOT,
				"%nCheck-ins at %d clients, %d per round, %d rounds each after a warm-up round (median req/s):%n",
				CLIENTS, RUSH, ROUNDS));
		out.append(String.format(Locale.ROOT, "  签到码     %.0f  (rounds %s)%n  动态二维码 %.0f  (rounds %s)%n", codeRate,
				rounded(rates.get("CODE")), qrRate, rounded(rates.get("ROTATING_QR"))));
		out.append(
				String.format(Locale.ROOT, "  动态二维码 costs %.1f %% of the 签到码 rate%n", (1 - qrRate / codeRate) * 100));

		// 3. The risk signals' own time, over 200,000 sessions of other accounts.
		for (int chunk = 0; chunk < 8; chunk++) {
			this.jdbc
				.sql("""
						WITH a AS (SELECT id, organization_id FROM activities WHERE id = CAST(? AS uuid)),
						  p AS (SELECT array_agg(DISTINCT account_id) AS ids FROM attendance_sessions
						    WHERE activity_id = CAST(? AS uuid))
						INSERT INTO attendance_sessions (id, activity_id, organization_id, account_id, device_id, method, status,
						  agreement_version, checked_in_at, check_in_lat, check_in_lng, check_in_accuracy_m, check_in_coordinates,
						  expires_at, expiry_reason, checked_out_at, check_out_lat, check_out_lng, credit_minutes)
						SELECT gen_random_uuid(), a.id, a.organization_id, p.ids[1 + g % array_length(p.ids, 1)], 'bench',
						  'QUICK', 'COMPLETED', '2026-01', now() - (g || ' seconds')::interval, 30.47 + random() / 100,
						  114.38 + random() / 100, 10, 'WGS84', now(), 'DEADLINE',
						  now() - (g || ' seconds')::interval + interval '1 second', 30.47 + random() / 100,
						  114.38 + random() / 100, 0
						FROM generate_series(? * 25000 + 1, (? + 1) * 25000) g, a, p""")
				.params(code.field("id"), code.field("id"), chunk, chunk)
				.update();
		}
		this.jdbc.sql("ANALYZE attendance_sessions").update();
		UUID activity = UUID.fromString(code.field("id"));
		UUID account = UUID.fromString(people.get(0).id());
		Geofence fence = new Geofence.Circle(new GeoPoint(Attendance.LAT, Attendance.LNG), 300);
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			GeoPoint at = new GeoPoint(Attendance.LAT + (i % 97) * 0.000013, Attendance.LNG);
			long begin = System.nanoTime();
			this.risks.assess(RiskSignals.Direction.IN, activity, account, at, 12.0, fence, NOW.toInstant(),
					RiskSignals.ClientSignals.NONE);
			if (i >= 500) {
				times.add((System.nanoTime() - begin) / 1e6);
			}
		}
		times.sort(Double::compare);
		// The plan of the database function's query: made once per connection, without
		// the call's values (V36).
		String plan = NestedPlans
			.innermost(this.dataSource, Sessions.NEIGHBOURHOOD, activity, account, 30.4751, 114.3846,
					RiskSignals.SAME_POSITION_DEGREES, java.sql.Timestamp.from(NOW.toInstant()))
			.replace("\n", "\n    ");
		out.append(String.format(Locale.ROOT,
				"%nRisk signals per located check-in, in process, 200,000 more sessions in the table:%n"
						+ "  p50 %.3f ms, p95 %.3f ms, p99 %.3f ms (2,500 calls)%n  plan:%n    %s%n",
				times.get(times.size() / 2), times.get(times.size() * 95 / 100), times.get(times.size() * 99 / 100),
				plan));
		Files.createDirectories(Path.of("target/bench"));
		Files.writeString(Path.of("target/bench/presence.txt"), out.toString());
		System.out.println(out);
		assertThat(plan).doesNotContain("Seq Scan on attendance_sessions");
	}

	private static void expect(Api.Response upload, String outcome) {
		assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
		assertThat(upload.body().get("results").findValuesAsString("outcome")).hasSize(SCANS).containsOnly(outcome);
	}

	private static double timed(Runnable work) {
		long begin = System.nanoTime();
		work.run();
		return (System.nanoTime() - begin) / 1e9;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(Double::compare);
		return sorted.get(sorted.size() / 2);
	}

	private static String rounded(List<Double> values) {
		return String.join(" ", values.stream().map((v) -> String.valueOf(Math.round(v))).toList());
	}

}
