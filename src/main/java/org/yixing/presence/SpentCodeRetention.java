package org.yixing.presence;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.yixing.shared.BatchedDeletes;

/**
 * A personal code's value is spent once per direction ({@link PresenceKeys#spend}); the
 * record of it is needed only while a scan of that value could still be accepted. A scan
 * is accepted for its own step ± 1 and uploaded at most 72 hours after it was made (RULES
 * §12), so a value older than {@link #REMEMBER} can never be accepted again, and its
 * record is deleted. Every scan added a row, so without this the table grew for ever.
 * Runs hourly on the application clock ({@link BatchedDeletes}).
 */
@Component
class SpentCodeRetention {

	/** The 72 hours a scan may wait for its upload, and a day to spare. */
	static final Duration REMEMBER = Duration.ofDays(4);

	private static final long LOCK = 0x79697869_6e67_001aL;

	private static final Logger log = LoggerFactory.getLogger(SpentCodeRetention.class);

	private final BatchedDeletes deletes;

	private final Clock clock;

	SpentCodeRetention(BatchedDeletes deletes, Clock clock) {
		this.deletes = deletes;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${yixing.retention.spent-codes-interval:PT1H}",
			initialDelayString = "${yixing.retention.spent-codes-interval:PT1H}")
	public int deleteOldSpentCodes() {
		return deleteOldSpentCodes(BatchedDeletes.BATCH);
	}

	/** Deletes the records of values from steps over {@link #REMEMBER} ago; how many. */
	int deleteOldSpentCodes(int batch) {
		long before = PersonalCode.stepAt(this.clock.instant().minus(REMEMBER));
		int deleted = this.deletes.run(LOCK, batch, """
				DELETE FROM presence_code_uses WHERE (key_id, step, direction) IN (
				  SELECT key_id, step, direction FROM presence_code_uses WHERE step < ? LIMIT ?)""", before);
		if (deleted > 0) {
			log.info("Deleted {} records of personal-code values spent over four days ago", deleted);
		}
		return deleted;
	}

}
