package org.yixing.identity;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.stereotype.Component;
import org.yixing.shared.AdvisoryLock;
import org.yixing.shared.BatchedDeletes;
import org.yixing.shared.Retention;

/**
 * Retention (docs/PRIVACY.md): a sign-in token is kept until it expires or is revoked;
 * then its row (the hash, the account, when it was made and last used) is deleted, since
 * no request can use it again. Every sign-in adds a row, so without this the table grew
 * for ever. Runs hourly on the application clock ({@link BatchedDeletes}).
 */
@Component
class TokenRetention implements Retention {

	private static final BatchedDeletes.Job JOB = new BatchedDeletes.Job(AdvisoryLock.TOKEN_RETENTION,
			TokenRetention.class);

	private final BatchedDeletes deletes;

	private final Clock clock;

	TokenRetention(BatchedDeletes deletes, Clock clock) {
		this.deletes = deletes;
		this.clock = clock;
	}

	@Override
	public int forget() {
		return deleteEndedTokens(BatchedDeletes.BATCH);
	}

	/**
	 * Deletes the tokens that expired or were revoked; how many. A token in use may be
	 * extended meanwhile, so the condition is on the outer statement too
	 * ({@link BatchedDeletes#run}).
	 */
	int deleteEndedTokens(int batch) {
		Timestamp now = Timestamp.from(this.clock.instant());
		return this.deletes.run(JOB, "sign-in tokens that had expired or been revoked", batch, """
				DELETE FROM access_tokens WHERE (expires_at <= ? OR revoked_at <= ?) AND token_hash IN (
				  SELECT token_hash FROM access_tokens WHERE expires_at <= ? OR revoked_at <= ? LIMIT ?)""", now, now,
				now, now);
	}

}
