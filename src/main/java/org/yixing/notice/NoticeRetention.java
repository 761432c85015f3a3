package org.yixing.notice;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.stereotype.Component;
import org.yixing.shared.AdvisoryLock;
import org.yixing.shared.BatchedDeletes;
import org.yixing.shared.Retention;

/**
 * Deletes the notices whose expiry has passed (a reminder's notice, 30 days after its
 * moment; the volunteer no longer sees them from that instant on). Runs hourly on the
 * application clock ({@link BatchedDeletes}).
 */
@Component
class NoticeRetention implements Retention {

	private static final BatchedDeletes.Job JOB = new BatchedDeletes.Job(AdvisoryLock.NOTICE_RETENTION,
			NoticeRetention.class);

	private final BatchedDeletes deletes;

	private final Clock clock;

	NoticeRetention(BatchedDeletes deletes, Clock clock) {
		this.deletes = deletes;
		this.clock = clock;
	}

	@Override
	public int forget() {
		return deleteExpiredNotices(BatchedDeletes.BATCH);
	}

	/** Deletes the notices whose expiry has passed; how many. */
	int deleteExpiredNotices(int batch) {
		return this.deletes.run(JOB, "expired notices", batch, """
				DELETE FROM notices WHERE id IN (SELECT id FROM notices WHERE expires_at <= ? LIMIT ?)""",
				Timestamp.from(this.clock.instant()));
	}

}
