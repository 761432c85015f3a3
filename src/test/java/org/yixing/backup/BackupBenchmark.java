package org.yixing.backup;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.util.FileSystemUtils;
import org.yixing.test.Api;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What backups cost (RULES §15), on Yixings of their own with the embedded PostgreSQL: a
 * base backup and its verification of a database with 1,000,000 sessions, and a restore
 * of it, with sizes; and check-ins with archiving on against off, in alternating rounds
 * of the same run. Run with {@code bash bench/backups.sh}; results in
 * {@code target/bench/backups.txt}.
 */
@Tag("benchmark")
class BackupBenchmark {

	static final int SESSIONS = 1_000_000;

	static final int RUSH = 200;

	static final int ROUNDS = 4;

	@Test
	void measure() throws Exception {
		Path root = Files.createDirectories(Path.of("target/bench/backups-" + UUID.randomUUID()).toAbsolutePath());
		StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
				"Backups on %d cores, embedded PostgreSQL 17, backup folder on the same disk%n",
				Runtime.getRuntime().availableProcessors()));
		try {
			Path data = root.resolve("data");
			Path backups = root.resolve("backups");
			String staff;
			try (Drill drill = Drill.start(data, backups)) {
				staff = new Organizations(drill.api).staffToken();
				Volunteers.Registered someone = new Volunteers(drill.api).register();
				Api.Response activity = new Attendance(drill.api).publish(
						new Organizations(drill.api).createTopLevel("备份基准"), staff, "2026-11-01T08:00:00+08:00",
						"2026-11-01T12:00:00+08:00", Map.of("membersOnly", false));
				long insert = System.nanoTime();
				drill.jdbc
					.sql("""
							INSERT INTO attendance_sessions (id, activity_id, organization_id, account_id, device_id, method,
							  status, agreement_version, checked_in_at, check_in_lat, check_in_lng, check_in_coordinates,
							  expires_at, expiry_reason, checked_out_at, credit_minutes)
							SELECT gen_random_uuid(), a.id, a.organization_id, CAST(? AS uuid), 'bench', 'QUICK', 'COMPLETED',
							  '2026-01', now() - (g || ' seconds')::interval, 30.47, 114.38, 'WGS84', now(), 'DEADLINE',
							  now() - (g || ' seconds')::interval + interval '1 second', 0
							FROM generate_series(1, ?) g, activities a WHERE a.id = CAST(? AS uuid)""")
					.params(someone.id(), SESSIONS, activity.field("id"))
					.update();
				drill.jdbc.sql("CHECKPOINT").update();
				out.append(String.format(Locale.ROOT, "%n%,d sessions inserted in %.1f s; database %s%n", SESSIONS,
						(System.nanoTime() - insert) / 1e9,
						drill.jdbc.sql("SELECT pg_size_pretty(pg_database_size('yixing'))")
							.query(String.class)
							.single()));
				long begin = System.nanoTime();
				String id = drill.backUp(staff);
				double seconds = (System.nanoTime() - begin) / 1e9;
				BackupFolder.Manifest manifest = new BackupFolder(backups).manifests().getLast();
				out.append(String.format(Locale.ROOT,
						"base backup and its verification: %.1f s, %,d bytes in %,d files (%s)%n", seconds,
						manifest.sizeBytes(), manifest.files().size(), id));
				drill.archiveNow();
			}
			FileSystemUtils.deleteRecursively(data);
			long begin = System.nanoTime();
			try (Drill restored = Drill.start(root.resolve("restored"), backups, "--yixing.restore.from=" + backups)) {
				double seconds = (System.nanoTime() - begin) / 1e9;
				long sessions = restored.jdbc.sql("SELECT count(*) FROM attendance_sessions")
					.query(Long.class)
					.single();
				assertThat(sessions).isEqualTo(SESSIONS);
				out.append(String.format(Locale.ROOT,
						"restore to a new data folder and start, %,d sessions back: %.1f s%n", sessions, seconds));
			}

			// Check-ins with archiving on and off, alternating rounds.
			Map<String, List<Double>> rates = new HashMap<>();
			try (Drill on = Drill.start(root.resolve("on"), root.resolve("on-backups"));
					Drill off = Drill.start(root.resolve("off"), root.resolve("unused"), "--yixing.backup.dir=")) {
				Rush rushOn = new Rush(on);
				Rush rushOff = new Rush(off);
				for (int round = 0; round <= ROUNDS; round++) {
					for (Rush rush : List.of(rushOn, rushOff)) {
						double rate = rush.round();
						if (round > 0) {
							rates.computeIfAbsent((rush == rushOn) ? "on" : "off", (k) -> new ArrayList<>()).add(rate);
						}
					}
				}
			}
			double onRate = median(rates.get("on"));
			double offRate = median(rates.get("off"));
			out.append(String.format(Locale.ROOT,
					"%ncheck-ins at 8 clients, %d a round, %d rounds each (median req/s):%n  archiving on  %.0f %s%n"
							+ "  archiving off %.0f %s%n  on costs %.1f %% of the off rate%n",
					RUSH, ROUNDS, onRate, rounded(rates.get("on")), offRate, rounded(rates.get("off")),
					(1 - onRate / offRate) * 100));
		}
		finally {
			Files.createDirectories(Path.of("target/bench"));
			Files.writeString(Path.of("target/bench/backups.txt"), out.toString());
			System.out.println(out);
			FileSystemUtils.deleteRecursively(root);
		}
	}

	static List<Long> rounded(List<Double> values) {
		return values.stream().map(Math::round).toList();
	}

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(Double::compare);
		return sorted.get(sorted.size() / 2);
	}

	/** One app's volunteers checking in and out of one activity in rounds. */
	static final class Rush {

		final Attendance attendance;

		final List<Volunteers.Registered> people = new ArrayList<>();

		final List<String> devices = new ArrayList<>();

		final String code;

		final ExecutorService pool = Executors.newFixedThreadPool(8);

		Rush(Drill drill) {
			this.attendance = new Attendance(drill.api);
			Volunteers volunteers = new Volunteers(drill.api);
			this.code = drill.activityNow("归档基准");
			for (int i = 0; i < RUSH; i++) {
				this.people.add(volunteers.register());
				this.devices.add(Attendance.newDevice());
			}
		}

		double round() throws Exception {
			List<Future<String>> sessions = new ArrayList<>();
			long begin = System.nanoTime();
			for (int i = 0; i < RUSH; i++) {
				int who = i;
				sessions.add(this.pool.submit(
						() -> this.attendance.checkIn(this.people.get(who).token(), this.devices.get(who), this.code)
							.field("sessionId")));
			}
			List<String> ids = new ArrayList<>();
			for (Future<String> f : sessions) {
				ids.add(f.get());
			}
			double rate = RUSH / ((System.nanoTime() - begin) / 1e9);
			List<Future<?>> outs = new ArrayList<>();
			for (int i = 0; i < RUSH; i++) {
				int who = i;
				outs.add(this.pool.submit(() -> this.attendance.checkOut(this.people.get(who).token(),
						this.devices.get(who), ids.get(who))));
			}
			for (Future<?> f : outs) {
				f.get();
			}
			return rate;
		}

	}

}
