package org.yixing.hours;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retention (docs/PRIVACY.md): evidence of a rejected makeup request is kept 180 days
 * after the rejection, for questions about it, then deleted, unless a ledger entry or a
 * request still pending or approved refers to the same file. Runs hourly on the
 * application clock; idempotent, one node per run.
 */
@Component
class EvidenceRetention {

	static final Duration KEEP_AFTER_REJECTION = Duration.ofDays(180);

	private static final long LOCK = 0x79697869_6e67_0004L;

	private static final Logger log = LoggerFactory.getLogger(EvidenceRetention.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	EvidenceRetention(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${yixing.retention.interval:PT1H}", initialDelayString = "PT1M")
	@Transactional
	public int deleteRejectedEvidence() {
		if (!this.jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single()) {
			return 0;
		}
		Instant now = this.clock.instant();
		int deleted = this.jdbc.sql("""
				UPDATE evidence_files f SET content = NULL, erased_at = ?
				WHERE f.content IS NOT NULL
				  AND EXISTS (SELECT 1 FROM makeup_requests r WHERE r.evidence_file_id = f.id
				              AND r.status = 'REJECTED' AND r.decided_at <= ?)
				  AND NOT EXISTS (SELECT 1 FROM makeup_requests r WHERE r.evidence_file_id = f.id
				                  AND r.status <> 'REJECTED')
				  AND NOT EXISTS (SELECT 1 FROM hours_entries e WHERE e.evidence_file_id = f.id)""")
			.params(Timestamp.from(now), Timestamp.from(now.minus(KEEP_AFTER_REJECTION)))
			.update();
		if (deleted > 0) {
			log.info("Deleted {} evidence files of makeup requests rejected over 180 days ago", deleted);
		}
		return deleted;
	}

}
