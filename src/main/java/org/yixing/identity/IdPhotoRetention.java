package org.yixing.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.shared.AdvisoryLock;
import org.yixing.shared.Retention;

/**
 * Retention (docs/PRIVACY.md): the photo of an ID-photo recovery request is needed only
 * until staff decide it; 30 days after the decision it is deleted (the request's status
 * and dates stay as the record). Runs hourly on the application clock; idempotent, and a
 * transaction-level advisory lock lets one node do each run.
 */
@Component
class IdPhotoRetention implements Retention {

	static final Duration KEEP_AFTER_DECISION = Duration.ofDays(30);

	private static final Logger log = LoggerFactory.getLogger(IdPhotoRetention.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	IdPhotoRetention(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@Transactional
	public int forget() {
		if (!AdvisoryLock.ID_PHOTO_RETENTION.tryTake(this.jdbc)) {
			return 0;
		}
		Instant now = this.clock.instant();
		int deleted = this.jdbc.sql("""
				UPDATE id_photo_reviews SET photo_sealed = NULL, photo_erased_at = ?
				WHERE status <> 'PENDING' AND photo_sealed IS NOT NULL AND decided_at <= ?""")
			.params(Timestamp.from(now), Timestamp.from(now.minus(KEEP_AFTER_DECISION)))
			.update();
		if (deleted > 0) {
			log.info("Deleted {} ID photos of recovery requests decided over 30 days ago", deleted);
		}
		return deleted;
	}

}
