package org.yixing.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Organizations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a unit test: rankings over a university of 20 colleges with 20,000 volunteers and
 * 1,000,000 credited sessions in its ledger (plus 50,000 honor entries), through HTTP
 * and, as the baseline on the same machine, the naive SQL over the ledger alone (one
 * aggregate of every entry in range, what rankings ran before the monthly summary). Run
 * with {@code bash bench/rankings.sh}; results go to {@code target/bench/rankings.txt}.
 */
@ApiTest
@Tag("benchmark")
// seeding a million ledger rows is one long statement each
@org.springframework.test.context.TestPropertySource(properties = "yixing.db.statement-timeout=PT30M")
class RankingsBenchmark {

	static final int COLLEGES = 20;

	static final int VOLUNTEERS = 20_000;

	static final int SESSIONS = 1_000_000;

	static final int HONOR = 50_000;

	static final int WARMUP = 20;

	static final int RUNS = 100;

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

	@Autowired
	org.yixing.shared.Secrets secrets;

	@Test
	void rankingsOverAMillionSessions() throws IOException {
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String university = organizations.createTopLevel("基准大学");
		List<String> colleges = new ArrayList<>();
		for (int i = 0; i < COLLEGES; i++) {
			colleges.add(organizations.create(staff, university, "基准学院" + i, "420111", "LISTED"));
		}
		long seeding = System.nanoTime();
		seed(colleges);
		double seeded = (System.nanoTime() - seeding) / 1e9;
		List<UUID> subtree = new ArrayList<>(colleges.stream().map(UUID::fromString).toList());
		subtree.add(UUID.fromString(university));
		List<String> lines = new ArrayList<>();
		lines.add("ledger: " + this.jdbc.sql("SELECT count(*) FROM hours_entries").query(Long.class).single()
				+ " entries of " + VOLUNTEERS + " volunteers in " + COLLEGES + " colleges (seeded in "
				+ "%.1f s)".formatted(seeded));
		lines.add(
				"query | HTTP p50 ms | HTTP p95 ms | HTTP max ms | ledger-only SQL p50 ms | ledger-only SQL p95 ms | rows");
		lines.add(measure("university, whole year, top 100",
				"/organizations/" + university + "/rankings?from=2026-01-01&to=2026-12-31&limit=100", staff,
				() -> sqlOnly(subtree, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 100)));
		lines.add(measure("university, one month, top 100",
				"/organizations/" + university + "/rankings?from=2026-10-01&to=2026-10-31&limit=100", staff,
				() -> sqlOnly(subtree, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), 100)));
		lines.add(measure("one college, whole year, top 100",
				"/organizations/" + colleges.get(0) + "/rankings?from=2026-01-01&to=2026-12-31&limit=100", staff,
				() -> sqlOnly(List.of(UUID.fromString(colleges.get(0))), LocalDate.of(2026, 1, 1),
						LocalDate.of(2026, 12, 31), 100)));
		lines.add(measure("university, whole year, top 10 list",
				"/organizations/" + university + "/top-volunteers?from=2026-01-01&to=2026-12-31&limit=10", staff,
				() -> sqlOnly(subtree, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 10)));
		lines.add("");
		lines.add("export | runs | median ms | max ms | bytes");
		lines.add(once("第二课堂 credits, university, whole year (xlsx, every volunteer)",
				"/organizations/" + university + "/second-classroom-credits.xlsx?from=2026-01-01&to=2026-12-31",
				staff));
		lines.add(once("service records, one college, one month (csv)",
				"/organizations/" + colleges.get(0) + "/service-records.csv?from=2026-10-01&to=2026-10-31", staff));
		lines.add(once("service records, university, one month (csv)",
				"/organizations/" + university + "/service-records.csv?from=2026-10-01&to=2026-10-31", staff));
		lines.add(once("service records, university, one month (xlsx)",
				"/organizations/" + university + "/service-records.xlsx?from=2026-10-01&to=2026-10-31", staff));
		lines.add("");
		lines.add(certificates());
		Path out = Path.of("target/bench/rankings.txt");
		Files.createDirectories(out.getParent());
		Files.write(out, lines);
		lines.forEach(System.out::println);
	}

	@Autowired
	Certificates certificates;

	/**
	 * A certificate for a seeded volunteer (about 50 records, two pages): issuing it
	 * (reading the ledger, the unchanged-ledger check) and drawing the PDF, in process.
	 */
	private String certificates() {
		org.yixing.identity.AuthenticatedAccount volunteer = new org.yixing.identity.AuthenticatedAccount(
				new org.yixing.identity.AccountId(UUID.fromString("00000000-0000-4000-8000-%012x".formatted(7))), false,
				false);
		long[] times = new long[30];
		int records = 0;
		int bytes = 0;
		for (int i = -5; i < times.length; i++) {
			long start = System.nanoTime();
			Certificates.Issued issued = this.certificates.issue(volunteer, null);
			byte[] pdf = CertificatePdf.render(issued, "https://yixing.example.edu.cn/verify/" + issued.code());
			long nanos = System.nanoTime() - start;
			records = issued.records().size();
			bytes = pdf.length;
			if (i >= 0) {
				times[i] = nanos;
			}
		}
		Arrays.sort(times);
		return "certificate of %d records (issue + PDF, in process): p50 %.1f ms, max %.1f ms, %d bytes"
			.formatted(records, times[15] / 1e6, times[29] / 1e6, bytes);
	}

	/** Exports are rare and heavy: the median and max of five runs after one warm-up. */
	private String once(String label, String path, String token) {
		long[] times = new long[5];
		int bytes = 0;
		for (int i = -1; i < times.length; i++) {
			long start = System.nanoTime();
			Api.Response response = this.api.get(path, token);
			long nanos = System.nanoTime() - start;
			if (response.status() != 200) {
				throw new IllegalStateException(path + " → " + response);
			}
			bytes = response.bytes().length;
			if (i >= 0) {
				times[i] = nanos;
			}
		}
		Arrays.sort(times);
		return "%s | %d | %.0f | %.0f | %d".formatted(label, times.length, times[2] / 1e6, times[4] / 1e6, bytes);
	}

	private String measure(String label, String path, String token, Supplier<Integer> sql) {
		long[] http = new long[RUNS];
		long[] direct = new long[RUNS];
		int rows = 0;
		for (int i = 0; i < WARMUP + RUNS; i++) {
			long start = System.nanoTime();
			Api.Response response = this.api.get(path, token);
			long httpNanos = System.nanoTime() - start;
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			rows = response.body().size();
			start = System.nanoTime();
			int sqlRows = sql.get();
			long sqlNanos = System.nanoTime() - start;
			assertThat(sqlRows).isEqualTo(rows);
			if (i >= WARMUP) {
				http[i - WARMUP] = httpNanos;
				direct[i - WARMUP] = sqlNanos;
			}
		}
		Arrays.sort(http);
		Arrays.sort(direct);
		return "%s | %.1f | %.1f | %.1f | %.1f | %.1f | %d".formatted(label, ms(http, 0.50), ms(http, 0.95),
				http[RUNS - 1] / 1e6, ms(direct, 0.50), ms(direct, 0.95), rows);
	}

	/**
	 * The naive ranking: every ledger entry in range aggregated, straight through JDBC.
	 */
	private int sqlOnly(List<UUID> organizations, LocalDate from, LocalDate to, int limit) {
		return this.jdbc.sql("""
				SELECT account_id,
				       COALESCE(sum(minutes) FILTER (WHERE kind = 'CREDIT'), 0) AS credit,
				       COALESCE(sum(minutes) FILTER (WHERE kind = 'HONOR'), 0) AS honor,
				       max(recorded_at) FILTER (WHERE kind = 'CREDIT') AS last_credit
				FROM hours_entries
				WHERE organization_id = ANY (?) AND service_date BETWEEN ? AND ?
				GROUP BY account_id
				HAVING sum(minutes) <> 0
				ORDER BY credit DESC, honor DESC, last_credit ASC NULLS LAST, account_id
				LIMIT ?""")
			.params(organizations.toArray(UUID[]::new), Date.valueOf(from), Date.valueOf(to), limit)
			.query()
			.listOfRows()
			.size();
	}

	private static double ms(long[] sorted, double quantile) {
		return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1e6;
	}

	/**
	 * The data generator: 20,000 accounts (1,000 per college, members of it), 1,000,000
	 * credit entries as the ledger records completed sessions (50 per volunteer over
	 * 2026, 30–240 minutes, 200 activities per college), and 50,000 honor entries.
	 */
	private void seed(List<String> colleges) {
		UUID[] ids = colleges.stream().map(UUID::fromString).toArray(UUID[]::new);
		this.jdbc.sql("""
				INSERT INTO accounts (id, real_name, id_number_hash, id_number_sealed, id_number_masked, region_code,
				  password_hash, origin, created_at, updated_at)
				SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, '志愿者' || n,
				  sha256(('bench-' || n)::bytea), '\\x00'::bytea, '4201**********' || lpad((n % 10000)::text, 4, '0'),
				  '420111', 'x', 'REGISTRATION', now(), now()
				FROM generate_series(1, ?) AS n""").param(VOLUNTEERS).update();
		// real sealed ID numbers, as the service-record export opens them
		List<Object[]> sealed = new ArrayList<>();
		for (int n = 1; n <= VOLUNTEERS; n++) {
			sealed.add(new Object[] { this.secrets.seal("identity.id-number", org.yixing.test.IdNumbers.random()),
					UUID.fromString("00000000-0000-4000-8000-%012x".formatted(n)) });
		}
		this.jdbcTemplate.batchUpdate("UPDATE accounts SET id_number_sealed = ? WHERE id = ?", sealed);
		this.jdbc.sql("""
				INSERT INTO memberships (organization_id, account_id, role, joined_at)
				SELECT (?::uuid[])[(1 + n % ?)::int], ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
				  'MEMBER', now()
				FROM generate_series(1, ?) AS n""").params(ids, ids.length, VOLUNTEERS).update();
		this.jdbc
			.sql("""
					INSERT INTO hours_entries (id, account_id, kind, source, minutes, session_id, organization_id,
					  organization_name, activity_id, activity_title, service_date, recorded_at)
					SELECT gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad(to_hex(1 + (s % ?)), 12, '0'))::uuid,
					  'CREDIT', 'SESSION', (30 + (s * 7919) % 211)::int, gen_random_uuid(),
					 (?::uuid[])[(1 + (s % ?) % ?)::int], '基准学院',
					  ('00000000-0000-4000-9000-' || lpad(to_hex(((s % ?) % ?) * 1000 + (s * 31) % 200), 12, '0'))::uuid,
					  '基准活动', DATE '2026-01-01' + ((s * 13) % 365)::int,
					  TIMESTAMPTZ '2026-01-01 08:00+08' + ((s * 13) % 365) * INTERVAL '1 day' + (s % 600) * INTERVAL '1 second'
					FROM generate_series(1, CAST(? AS bigint)) AS s""")
			.params(VOLUNTEERS, ids, VOLUNTEERS, ids.length, VOLUNTEERS, ids.length, SESSIONS)
			.update();
		this.jdbc.sql("""
				INSERT INTO hours_entries (id, account_id, kind, source, minutes, organization_id, organization_name,
				  service_date, reason, description, recorded_at)
				SELECT gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad(to_hex(1 + (s * 17) % ?), 12, '0'))::uuid,
				  'HONOR', 'MAKEUP', 60, (?::uuid[])[(1 + ((s * 17) % ?) % ?)::int], '基准学院',
				  DATE '2026-01-01' + ((s * 11) % 365)::int, 'NO_SIGNAL', '基准补录', now()
				FROM generate_series(1, CAST(? AS bigint)) AS s""")
			.params(VOLUNTEERS, ids, VOLUNTEERS, ids.length, HONOR)
			.update();
		this.jdbc.sql("ANALYZE hours_entries").update();
		this.jdbc.sql("ANALYZE accounts").update();
		this.jdbc.sql("VACUUM (ANALYZE) hours_entries").update();
		this.jdbc.sql("VACUUM (ANALYZE) hours_monthly").update();
	}

}
