package org.yixing.hours;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.shared.AdvisoryLock;
import org.yixing.shared.Retention;

/**
 * Retention (docs/PRIVACY.md): evidence of a rejected makeup request is kept 180 days
 * after the rejection, for questions about it, then deleted, unless a ledger entry or a
 * request still pending or approved refers to the same file. Runs hourly on the
 * application clock; idempotent, one node per run.
 */
@Component
class EvidenceRetention implements Retention {

	static final Duration KEEP_AFTER_REJECTION = Duration.ofDays(180);

	/**
	 * A file whose makeup request was rejected before the cutoff and that nothing else
	 * refers to: no request pending or approved, no ledger entry.
	 */
	private static final String UNUSED_SINCE_REJECTION = """
			EXISTS (SELECT 1 FROM makeup_requests r WHERE r.evidence_file_id = f.id
			        AND r.status = 'REJECTED' AND r.decided_at <= ?)
			AND NOT EXISTS (SELECT 1 FROM makeup_requests r WHERE r.evidence_file_id = f.id
			                AND r.status <> 'REJECTED')
			AND NOT EXISTS (SELECT 1 FROM hours_entries e WHERE e.evidence_file_id = f.id)""";

	private static final Logger log = LoggerFactory.getLogger(EvidenceRetention.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	EvidenceRetention(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@Transactional
	public int forget() {
		if (!AdvisoryLock.EVIDENCE_RETENTION.tryTake(this.jdbc)) {
			return 0;
		}
		Instant now = this.clock.instant();
		Timestamp rejectedBefore = Timestamp.from(now.minus(KEEP_AFTER_REJECTION));
		// Two statements, so that the second sees what the first waited for: a request
		// that attaches one of these files holds its row (EvidenceFiles.requireOwn) until
		// it commits. The lock waits for it, but a statement's sub-selects see only what
		// was committed when the statement began; the UPDATE, a new statement, sees the
		// request and keeps the file.
		List<UUID> candidates = this.jdbc.sql("""
				SELECT f.id FROM evidence_files f
				WHERE f.content IS NOT NULL AND %s
				ORDER BY f.id FOR UPDATE OF f""".formatted(UNUSED_SINCE_REJECTION))
			.param(rejectedBefore)
			.query(UUID.class)
			.list();
		if (candidates.isEmpty()) {
			return 0;
		}
		int deleted = this.jdbc.sql("""
				UPDATE evidence_files f SET content = NULL, erased_at = ?
				WHERE f.id = ANY (?) AND f.content IS NOT NULL AND %s""".formatted(UNUSED_SINCE_REJECTION))
			.params(Timestamp.from(now), candidates.toArray(UUID[]::new), rejectedBefore)
			.update();
		if (deleted > 0) {
			log.info("Deleted {} evidence files of makeup requests rejected over 180 days ago", deleted);
		}
		return deleted;
	}

}
