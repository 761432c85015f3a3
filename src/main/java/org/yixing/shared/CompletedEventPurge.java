package org.yixing.shared;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Spring Modulith keeps an event's publication after its listener has finished, marked
 * complete, and nothing reads it again: the ledger entry or the notice the listener wrote
 * is the record that it ran. Kept for ever, those rows grew by one per check-out, as
 * large as the sessions table itself (docs/PERFORMANCE.md). Completed publications are
 * kept {@code yixing.events.keep-completed} (a week, on the application clock, as
 * Modulith stamps them), long enough to see when a listener ran; then this job deletes
 * them hourly ({@link BatchedDeletes}). Unfinished publications are never deleted here:
 * {@link EventResubmission} hands them out again.
 * <p>
 * Modulith's completion mode {@code delete} would empty the table at once instead, but
 * PostgreSQL then plans its lookups of a publication by id, made while the table is
 * nearly empty, as a scan of the whole table, which a rush of check-outs fills
 * (docs/PERFORMANCE.md).
 */
@Component
class CompletedEventPurge implements Retention {

	private static final BatchedDeletes.Job JOB = new BatchedDeletes.Job(AdvisoryLock.COMPLETED_EVENT_PURGE,
			CompletedEventPurge.class);

	private final BatchedDeletes deletes;

	private final Clock clock;

	private final Duration keep;

	CompletedEventPurge(BatchedDeletes deletes, Clock clock,
			@Value("${yixing.events.keep-completed:P7D}") Duration keep) {
		this.deletes = deletes;
		this.clock = clock;
		this.keep = keep;
	}

	@Override
	public int forget() {
		return purge(BatchedDeletes.BATCH);
	}

	/** Deletes the publications completed before the kept period; how many. */
	int purge(int batch) {
		Timestamp before = Timestamp.from(this.clock.instant().minus(this.keep));
		return this.deletes.run(JOB, "event publications completed before " + before.toInstant(), batch, """
				DELETE FROM event_publication WHERE id IN (
				  SELECT id FROM event_publication WHERE completion_date < ? LIMIT ?)""", before);
	}

}
