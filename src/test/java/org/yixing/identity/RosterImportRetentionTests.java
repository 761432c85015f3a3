package org.yixing.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.RetentionRuns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention (docs/PRIVACY.md): a roster import's record, with its bad lines, is kept for
 * 30 days after the import finished, or last gave news if its node died, on the
 * application clock.
 */
@ApiTest
class RosterImportRetentionTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RosterImportRetention retention;

	@Test
	void anImportsRecordGoesThirtyDaysAfterItFinishedOrLastGaveNews() {
		new Attendance(this.api).fixClock("2026-03-31T09:00:00+08:00");
		Instant now = Instant.parse("2026-03-31T01:00:00Z");
		UUID finishedLongAgo = stored("DONE", now.minusSeconds(31 * 86_400L), true);
		UUID finishedLately = stored("DONE", now.minusSeconds(29 * 86_400L), true);
		UUID silentLongAgo = stored("RUNNING", now.minusSeconds(31 * 86_400L), false);
		UUID silentLately = stored("RUNNING", now.minusSeconds(86_400L), false);

		assertThat(RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteOldImports(1))).isEqualTo(2);
		assertThat(exists(finishedLongAgo)).isFalse();
		assertThat(exists(silentLongAgo)).isFalse();
		assertThat(exists(finishedLately)).isTrue();
		assertThat(exists(silentLately)).isTrue();
		assertThat(this.jdbc.sql("SELECT count(*) FROM roster_import_problems WHERE import_id = ?")
			.param(finishedLongAgo)
			.query(Long.class)
			.single()).as("its bad lines go with it").isZero();
	}

	/** An import whose last news was at {@code at}, finished then if {@code finished}. */
	private UUID stored(String status, Instant at, boolean finished) {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					INSERT INTO roster_imports (id, staff_id, lines, lines_done, status, started_at, heartbeat_at, finished_at)
					VALUES (?, ?, 3, 3, ?, ?, ?, ?)""")
			.params(id, UUID.randomUUID(), status, Timestamp.from(at.minusSeconds(60)), Timestamp.from(at),
					finished ? Timestamp.from(at) : null)
			.update();
		this.jdbc.sql("INSERT INTO roster_import_problems (import_id, line, code, message_key) VALUES (?, 2, ?, ?)")
			.params(id, "INVALID_ID_NUMBER", "error.INVALID_ID_NUMBER")
			.update();
		return id;
	}

	private boolean exists(UUID id) {
		return this.jdbc.sql("SELECT count(*) FROM roster_imports WHERE id = ?")
			.param(id)
			.query(Long.class)
			.single() == 1;
	}

}
