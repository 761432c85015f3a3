package org.yixing.presence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.yixing.shared.AdvisoryLock;
import org.yixing.shared.BatchedDeletes;
import org.yixing.shared.Retention;

/**
 * Forgets what the personal codes of RULES §12 no longer need, hourly on the application
 * clock ({@link BatchedDeletes}); without it both tables grew for ever.
 * <ul>
 * <li>A value is spent once per direction ({@link PresenceKeys#spend}), and the record of
 * it is needed only while a scan of that value could still be accepted: for its own step
 * ± 1, uploaded at most 72 hours after it was made. A value older than {@link #REMEMBER}
 * can never be accepted again, and its record is deleted.</li>
 * <li>A key revoked by a new device's key (or a lost phone) verifies only scans made
 * before it was revoked ({@link PresenceKeys#verify}), and those are uploaded at most 72
 * hours after; its sealed secret is deleted {@link #REMEMBER} after the revocation, with
 * the record of its spent values.</li>
 * </ul>
 */
@Component
class PersonalCodeRetention implements Retention {

	/** The 72 hours a scan may wait for its upload, and a day to spare. */
	static final Duration REMEMBER = Duration.ofDays(4);

	private static final BatchedDeletes.Job JOB = new BatchedDeletes.Job(AdvisoryLock.PERSONAL_CODE_RETENTION,
			PersonalCodeRetention.class);

	private final BatchedDeletes deletes;

	private final Clock clock;

	PersonalCodeRetention(BatchedDeletes deletes, Clock clock) {
		this.deletes = deletes;
		this.clock = clock;
	}

	@Override
	public int forget() {
		return deleteOldSpentCodes(BatchedDeletes.BATCH) + deleteRevokedKeys(BatchedDeletes.BATCH);
	}

	/** Deletes the records of values from steps over {@link #REMEMBER} ago; how many. */
	int deleteOldSpentCodes(int batch) {
		long before = PersonalCode.stepAt(this.clock.instant().minus(REMEMBER));
		return this.deletes.run(JOB, "records of personal-code values spent over four days ago", batch, """
				DELETE FROM presence_code_uses WHERE (key_id, step, direction) IN (
				  SELECT key_id, step, direction FROM presence_code_uses WHERE step < ? LIMIT ?)""", before);
	}

	/** Deletes the keys revoked over {@link #REMEMBER} ago; how many. */
	int deleteRevokedKeys(int batch) {
		Instant before = this.clock.instant().minus(REMEMBER);
		return this.deletes.run(JOB, "personal-code keys revoked over four days ago", batch, """
				DELETE FROM presence_keys WHERE id IN (
				  SELECT id FROM presence_keys WHERE revoked_at < ? LIMIT ?)""", Timestamp.from(before));
	}

}
