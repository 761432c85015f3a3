package org.yixing.attendance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.SecondNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application nodes on one PostgreSQL and a storm of more than 10,000 requests spread
 * over both: check-ins, claims, makeup requests and check-outs, each retried with its
 * {@code Idempotency-Key} on the other node — half after the first answer, half at the
 * same moment. Afterwards: one session per volunteer and none left open, one ledger
 * credit per completed session, one policy and one makeup request per volunteer, and the
 * void job, run on both nodes at once, voids each forgotten session exactly once.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeStormTests {

	@RegisterExtension
	static final SecondNode second = new SecondNode();

	static final int VOLUNTEERS = 1_300;

	/** Every tenth volunteer forgets to check out. */
	static final int FORGETFUL_EVERY = 10;

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ExpiredSessionsJob job;

	@AfterAll
	void stopIt() {
		clock(null);
	}

	@Test
	void tenThousandRetriedRequestsOverTwoNodesCountEverythingOnce() throws Exception {
		clock("2026-12-05T09:00:00+08:00");
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String organization = organizations.createTopLevel("风暴大学" + System.nanoTime() % 100_000);
		String code = new Attendance(this.api)
			.publish(organization, staff, "2026-12-05T09:00:00+08:00", "2026-12-05T11:00:00+08:00",
					new HashMap<>(Map.of("membersOnly", false)))
			.field("checkInCode");
		String product = this.api
			.post("/admin/insurance-products", Map.of("insurer", "测试保险", "planName", "风暴意外险", "coverageStart",
					"2026-01-01", "coverageEnd", "2026-12-31"), staff)
			.field("id");
		seed(organization);

		AtomicInteger requests = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(16);
		long started = System.nanoTime();
		Map<Integer, String> sessions = new java.util.concurrent.ConcurrentHashMap<>();
		List<Future<?>> work = new ArrayList<>();
		for (int i = 1; i <= VOLUNTEERS; i++) {
			int n = i;
			work.add(pool.submit(() -> {
				Api.Response in = twice(n, "/check-ins", Map.of("checkInCode", code, "location",
						Map.of("lat", Attendance.LAT, "lng", Attendance.LNG, "accuracyMeters", 12), "coordinateSystem",
						"WGS84", "agreementAccepted", true, "agreementVersion", "2026-01", "method", "QUICK"), requests,
						failures, problems);
				sessions.put(n, in.field("sessionId"));
				twice(n, "/insurance-products/" + product + "/claims", null, requests, failures, problems);
				twice(n, "/me/makeup-requests", Map.of("organizationId", organization, "minutes", 30, "reason",
						"NO_SIGNAL", "description", "现场没有信号", "serviceDate", "2026-12-01"), requests, failures,
						problems);
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get(5, TimeUnit.MINUTES);
		}
		clock("2026-12-05T10:30:00+08:00");
		work.clear();
		for (int i = 1; i <= VOLUNTEERS; i++) {
			int n = i;
			if (n % FORGETFUL_EVERY == 0) {
				continue;
			}
			work.add(pool.submit(() -> twice(n, "/check-ins/" + sessions.get(n) + "/check-out",
					Map.of("location", Map.of("lat", Attendance.LAT, "lng", Attendance.LNG, "accuracyMeters", 8),
							"coordinateSystem", "WGS84"),
					requests, failures, problems)));
		}
		for (Future<?> f : work) {
			f.get(5, TimeUnit.MINUTES);
		}
		double seconds = (System.nanoTime() - started) / 1e9;

		// past the check-out deadline: both nodes run the void job at the same moment
		clock("2026-12-05T12:00:00+08:00");
		ExpiredSessionsJob other = second.context().getBean(ExpiredSessionsJob.class);
		CompletableFuture<Integer> onB = CompletableFuture.supplyAsync(other::voidExpiredSessions, pool);
		int voided = this.job.voidExpiredSessions() + onB.get(1, TimeUnit.MINUTES);
		int late = this.job.voidExpiredSessions() + other.voidExpiredSessions();
		pool.shutdown();

		int forgetful = VOLUNTEERS / FORGETFUL_EVERY;
		int completed = VOLUNTEERS - forgetful;
		await().atMost(java.time.Duration.ofSeconds(60))
			.until(() -> count(
					"""
							SELECT count(*) FROM hours_entries e JOIN attendance_sessions s ON s.id = e.session_id
							WHERE e.source = 'SESSION' AND s.account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable')""") == completed);
		System.out.printf(
				"two-node storm: %d requests (%d volunteers, every operation retried on the other node) in %.1f s, "
						+ "%d failed; sessions %d, completed %d, voided %d (then %d more), credits %d, policies %d, "
						+ "makeup requests %d%n",
				requests.get(), VOLUNTEERS, seconds, failures.get(),
				count("SELECT count(*) FROM attendance_sessions WHERE account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable')"),
				count("SELECT count(*) FROM attendance_sessions WHERE status = 'COMPLETED' AND account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable')"),
				voided, late,
				count("SELECT count(*) FROM hours_entries WHERE source = 'SESSION' AND account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable')"),
				count("SELECT count(*) FROM insurance_policies WHERE account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable')"),
				count("SELECT count(*) FROM makeup_requests WHERE account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable')"));
		assertThat(requests.get()).isGreaterThanOrEqualTo(10_000);
		assertThat(problems).as("answers other than 2xx").isEmpty();
		assertThat(failures.get()).isZero();
		assertThat(
				count("""
						SELECT count(*) FROM (SELECT account_id FROM attendance_sessions
						  WHERE account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable') GROUP BY account_id HAVING count(*) <> 1) x"""))
			.as("volunteers without exactly one session")
			.isZero();
		assertThat(count(
				"SELECT count(*) FROM attendance_sessions WHERE status = 'OPEN' AND account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable')"))
			.isZero();
		assertThat(count(
				"SELECT count(*) FROM attendance_sessions WHERE status = 'COMPLETED' AND account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable')"))
			.isEqualTo(completed);
		assertThat(voided).as("each forgotten session voided once, by one node or the other").isEqualTo(forgetful);
		assertThat(late).isZero();
		assertThat(
				count("""
						SELECT count(*) FROM (SELECT session_id FROM hours_entries WHERE source = 'SESSION'
						  AND account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable') GROUP BY session_id HAVING count(*) > 1) x"""))
			.as("sessions credited twice")
			.isZero();
		assertThat(
				count("""
						SELECT count(*) FROM (SELECT account_id FROM insurance_policies
						  WHERE account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable') GROUP BY account_id HAVING count(*) <> 1) x"""))
			.as("volunteers without exactly one policy")
			.isZero();
		assertThat(count(
				"SELECT count(*) FROM insurance_policies WHERE account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable')"))
			.isEqualTo(VOLUNTEERS);
		assertThat(count(
				"SELECT count(*) FROM makeup_requests WHERE account_id IN (SELECT id FROM accounts WHERE password_hash = '{storm}unusable')"))
			.isEqualTo(VOLUNTEERS);
	}

	/**
	 * Sends the request to one node and its retry, with the same key, to the other: for
	 * odd volunteers after the first answer, for even ones at the same moment. Both
	 * answers must be successes and the same.
	 */
	private Api.Response twice(int n, String path, Object body, AtomicInteger requests, AtomicInteger failures,
			List<String> problems) throws Exception {
		Map<String, String> headers = Map.of("X-Device-Id", "storm-device-" + n, "Idempotency-Key",
				UUID.randomUUID().toString());
		Api firstNode = (n % 2 == 0) ? this.api : second.api();
		Api otherNode = (n % 2 == 0) ? second.api() : this.api;
		Api.Response first;
		Api.Response retry;
		if (n % 4 < 2) {
			first = firstNode.send("POST", path, body, token(n), headers);
			retry = otherNode.send("POST", path, body, token(n), headers);
		}
		else {
			CompletableFuture<Api.Response> racing = CompletableFuture
				.supplyAsync(() -> otherNode.send("POST", path, body, token(n), headers));
			first = firstNode.send("POST", path, body, token(n), headers);
			retry = racing.get(30, TimeUnit.SECONDS);
		}
		requests.addAndGet(2);
		for (Api.Response response : List.of(first, retry)) {
			if (response.status() >= 300) {
				failures.incrementAndGet();
				problems.add(path + " " + response);
			}
		}
		if (!first.text().equals(retry.text())) {
			problems.add(path + " differs: " + first + " / " + retry);
		}
		return first;
	}

	private static String token(int n) {
		return "storm-token-" + n;
	}

	private void clock(String now) {
		for (Api node : new Api[] { this.api, second.api() }) {
			if (node == null) {
				continue;
			}
			if (now != null) {
				assertThat(node.put("/dev/clock", Map.of("now", now), null).status()).isLessThan(300);
			}
			else {
				node.delete("/dev/clock", null);
			}
		}
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	/**
	 * Volunteers with known tokens, as bench/seed.sql makes them (no real personal data).
	 */
	private void seed(String organization) {
		this.jdbc
			.sql("""
					INSERT INTO accounts (id, real_name, id_number_hash, id_number_sealed, id_number_masked, region_code,
					  password_hash, origin, created_at, updated_at)
					SELECT md5('storm-account-' || i)::uuid, '风暴志愿者' || i, sha256(convert_to('storm-id-' || i, 'UTF8')),
					  '\\x00'::bytea, '4201**********' || lpad(i::text, 4, '0'), '420100', '{storm}unusable', 'DEMO', now(), now()
					FROM generate_series(1, ?) i""")
			.param(VOLUNTEERS)
			.update();
		this.jdbc.sql("""
				INSERT INTO access_tokens (token_hash, account_id, created_at, last_used_at, expires_at)
				SELECT sha256(convert_to('storm-token-' || i, 'UTF8')), md5('storm-account-' || i)::uuid,
				  '2026-01-01', '2026-12-05', '2027-01-01'
				FROM generate_series(1, ?) i""").param(VOLUNTEERS).update();
		this.jdbc.sql("""
				INSERT INTO memberships (organization_id, account_id, role, joined_at)
				SELECT ?::uuid, md5('storm-account-' || i)::uuid, 'MEMBER', now() FROM generate_series(1, ?) i""")
			.params(organization, VOLUNTEERS)
			.update();
	}

}
