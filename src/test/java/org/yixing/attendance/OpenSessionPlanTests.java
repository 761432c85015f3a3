package org.yixing.attendance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.test.ApiTest;
import org.yixing.test.NestedPlans;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Check-in looks up the volunteer's open session through the one-open-session index,
 * whatever the statistics say. After an ANALYZE that saw no open session (a quiet night)
 * the cached plan used to scan the whole expiry index, that is every open session, per
 * check-in (V12, docs/PERFORMANCE.md). The risk signals' neighbourhood is planned once
 * per connection, by index, however many sessions share a position (V36).
 */
@ApiTest
class OpenSessionPlanTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	@Test
	void aVolunteersOpenSessionIsLookedUpByIndexEvenWhenNoneWasOpenAtAnalyze() {
		aMorningsTable();
		// One connection, the plan a pooled prepared statement settles on.
		List<String> plan = this.transactions.execute((status) -> {
			this.jdbc.sql("SET LOCAL plan_cache_mode = force_generic_plan").update();
			this.jdbc.sql("""
					PREPARE open_session_of(uuid) AS SELECT id FROM attendance_sessions
					WHERE account_id = $1 AND status = 'OPEN' FOR UPDATE""").update();
			List<String> lines = this.jdbc.sql("EXPLAIN EXECUTE open_session_of(gen_random_uuid())")
				.query(String.class)
				.list();
			this.jdbc.sql("DEALLOCATE open_session_of").update();
			return lines;
		});
		assertThat(String.join("\n", plan)).contains("Index Cond: (account_id = $1)")
			.doesNotContain("attendance_sessions_expiry_idx");
	}

	/**
	 * Knowing the coordinates, PostgreSQL finds a plan made for them cheaper than one
	 * made without, so a statement of its own was planned anew at every check-out; where
	 * the table's statistics say that many sessions stand at that very point, that plan
	 * reads the table from its start hoping to meet one of them soon.
	 */
	@Test
	void theRiskNeighbourhoodIsPlannedOnceByIndexEvenWhereEveryoneStoodAtOnePlace() throws Exception {
		aMorningsTable();
		String query = NestedPlans.innermost(this.dataSource, Sessions.NEIGHBOURHOOD,
				UUID.fromString("00000000-0000-0000-0000-0000000c0002"),
				this.jdbc.sql("SELECT md5('plan-1')::uuid").query(UUID.class).single(), 30.4745, 114.3876,
				RiskSignals.SAME_POSITION_DEGREES, Timestamp.from(Instant.now()));
		assertThat(query).contains("Index Cond: ((activity_id = $1) AND (check_in_lat >= ($3 - $5))")
			.contains("attendance_sessions_check_out_position_idx")
			.contains("Index Cond: ((account_id = $2) AND (checked_in_at <= $6))")
			.doesNotContain("Seq Scan");
	}

	/**
	 * A morning's table: 1,000 volunteers with 20 completed sessions each, none open, all
	 * at one place (made once for the class).
	 */
	private void aMorningsTable() {
		if (this.jdbc.sql("SELECT count(*) FROM attendance_sessions").query(Long.class).single() > 0) {
			return;
		}
		this.jdbc.sql("""
				INSERT INTO accounts (id, real_name, id_number_hash, id_number_sealed, id_number_masked, region_code,
				                      password_hash, origin, created_at, updated_at)
				SELECT md5('plan-' || i)::uuid, '计划' || i, sha256(convert_to('plan-' || i, 'UTF8')), '\\x00'::bytea,
				       '4201**********0000', '420100', '{test}unusable', 'DEMO', now(), now()
				FROM generate_series(1, 1000) i""").update();
		this.jdbc.sql("""
				INSERT INTO organizations (id, name, region_code, visibility, created_at, updated_at)
				VALUES ('00000000-0000-0000-0000-0000000c0001', '计划大学', '420111', 'LISTED', now(), now())""").update();
		this.jdbc
			.sql("""
					INSERT INTO activities (id, organization_id, title, description, place, lead_name, start_at, end_at,
					                        geofence, members_only, check_in_opens_minutes_before, check_out_grace_minutes,
					                        check_in_code, created_at, updated_at)
					VALUES ('00000000-0000-0000-0000-0000000c0002', '00000000-0000-0000-0000-0000000c0001', '往期', '', '', '',
					        now() - interval '2 days', now() - interval '2 days' + interval '2 hours',
					        '{"type":"CIRCLE","center":{"lat":30.4745,"lng":114.3876},"radiusMeters":300.0}', false, 30, 30,
					        '000002', now(), now())""")
			.update();
		this.jdbc
			.sql("""
					INSERT INTO attendance_sessions (id, activity_id, organization_id, account_id, device_id, method, status,
					                                 agreement_version, checked_in_at, check_in_lat, check_in_lng,
					                                 check_in_coordinates, expires_at, expiry_reason, checked_out_at,
					                                 credit_minutes)
					SELECT gen_random_uuid(), '00000000-0000-0000-0000-0000000c0002', '00000000-0000-0000-0000-0000000c0001',
					       md5('plan-' || (1 + i % 1000))::uuid, 'plan-device', 'QUICK', 'COMPLETED', '2026-01',
					       now() - interval '2 days', 30.4745, 114.3876, 'WGS84', now() - interval '1 day', 'DEADLINE',
					       now() - interval '2 days' + interval '1 hour', 60
					FROM generate_series(1, 20000) i""")
			.update();
		this.jdbc.sql("ANALYZE attendance_sessions").update();
	}

}
