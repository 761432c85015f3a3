package org.yixing.reminder;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.yixing.shared.AdvisoryLock;
import org.yixing.shared.BatchedDeletes;
import org.yixing.shared.Retention;

/**
 * The record of a reminder (who, which activity, when, what became of its text) is what
 * makes it go out once (RULES §13). A reminder is only ever due before its moment (a
 * deadline, midnight, an activity's start), so once the moment has passed the record
 * guards nothing; it is kept {@link #KEEP} to answer a volunteer who asks whether a text
 * went out, then deleted. The in-app notice it made expires at the same time
 * ({@link ReminderJob}). Runs hourly on the application clock ({@link BatchedDeletes}).
 */
@Component
class ReminderRetention implements Retention {

	static final Duration KEEP = Duration.ofDays(30);

	private static final BatchedDeletes.Job JOB = new BatchedDeletes.Job(AdvisoryLock.REMINDER_RETENTION,
			ReminderRetention.class);

	private final BatchedDeletes deletes;

	private final Clock clock;

	ReminderRetention(BatchedDeletes deletes, Clock clock) {
		this.deletes = deletes;
		this.clock = clock;
	}

	@Override
	public int forget() {
		return deleteOldReminders(BatchedDeletes.BATCH);
	}

	/** Deletes the reminders whose moment is over {@link #KEEP} ago; how many. */
	int deleteOldReminders(int batch) {
		Instant before = this.clock.instant().minus(KEEP);
		return this.deletes.run(JOB, "records of reminders whose moment is over 30 days ago", batch, """
				DELETE FROM reminders WHERE (account_id, subject_id, kind) IN (
				  SELECT account_id, subject_id, kind FROM reminders WHERE moment_at < ? LIMIT ?)""",
				Timestamp.from(before));
	}

}
