package org.yixing.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;
import org.yixing.shared.AdvisoryLock;
import org.yixing.shared.BatchedDeletes;
import org.yixing.shared.Retention;

/**
 * Retention (docs/PRIVACY.md): the record of a roster import in the background (its
 * counts and each bad line's number and rule, {@link RosterImports}) is deleted 30 days
 * after the import finished, or last gave news if its node died; the audit log keeps its
 * tallies. Runs hourly on the application clock ({@link BatchedDeletes}).
 */
@Component
class RosterImportRetention implements Retention {

	/** How long an import's record is kept. */
	static final Duration KEPT_FOR = Duration.ofDays(30);

	private static final BatchedDeletes.Job JOB = new BatchedDeletes.Job(AdvisoryLock.ROSTER_IMPORT_RETENTION,
			RosterImportRetention.class);

	private final BatchedDeletes deletes;

	private final Clock clock;

	RosterImportRetention(BatchedDeletes deletes, Clock clock) {
		this.deletes = deletes;
		this.clock = clock;
	}

	@Override
	public int forget() {
		return deleteOldImports(BatchedDeletes.BATCH);
	}

	/** Deletes the records of imports over {@link #KEPT_FOR} past; how many. */
	int deleteOldImports(int batch) {
		Timestamp before = Timestamp.from(this.clock.instant().minus(KEPT_FOR));
		return this.deletes.run(JOB, "records of roster imports over 30 days past", batch, """
				DELETE FROM roster_imports WHERE coalesce(finished_at, heartbeat_at) < ? AND id IN (
				  SELECT id FROM roster_imports WHERE coalesce(finished_at, heartbeat_at) < ? LIMIT ?)""", before,
				before);
	}

}
