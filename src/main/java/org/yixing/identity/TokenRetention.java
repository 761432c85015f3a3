package org.yixing.identity;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention (docs/PRIVACY.md): a sign-in token is kept until it expires or is revoked;
 * then its row (the hash, the account, when it was made and last used) is deleted, since
 * no request can use it again. Every sign-in adds a row, so without this the table grew
 * for ever. Runs hourly on the application clock, in batches of their own transactions
 * (at most {@value #BATCHES_PER_RUN} of {@value #BATCH} a run, so that the first runs
 * after an upgrade work through the backlog without holding up the other scheduled jobs),
 * each batch on one node.
 */
@Component
class TokenRetention {

	static final int BATCH = 5_000;

	static final int BATCHES_PER_RUN = 20;

	private static final long LOCK = 0x79697869_6e67_0018L;

	private static final Logger log = LoggerFactory.getLogger(TokenRetention.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	TokenRetention(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${yixing.retention.tokens-interval:PT1H}",
			initialDelayString = "${yixing.retention.tokens-interval:PT1H}")
	public int deleteEndedTokens() {
		return deleteEndedTokens(BATCH);
	}

	/** Deletes the tokens that expired or were revoked; how many. */
	int deleteEndedTokens(int batch) {
		Timestamp now = Timestamp.from(this.clock.instant());
		int total = 0;
		for (int batches = 0; batches < BATCHES_PER_RUN; batches++) {
			Integer deleted = this.transactions.execute((status) -> {
				if (!this.jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single()) {
					return null;
				}
				return this.jdbc.sql("""
						DELETE FROM access_tokens WHERE token_hash IN (
						  SELECT token_hash FROM access_tokens WHERE expires_at <= ? OR revoked_at <= ? LIMIT ?)""")
					.params(now, now, batch)
					.update();
			});
			if (deleted == null) {
				break;
			}
			total += deleted;
			if (deleted < batch) {
				break;
			}
		}
		if (total > 0) {
			log.info("Deleted {} sign-in tokens that had expired or been revoked", total);
		}
		return total;
	}

}
