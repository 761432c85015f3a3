package org.yixing.shared;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Modulith keeps an event's publication after its listener has finished, marked
 * complete, and nothing reads it again: the ledger entry or the notice the listener wrote
 * is the record that it ran. Kept for ever, those rows grew by one per check-out, as
 * large as the sessions table itself (docs/PERFORMANCE.md). Completed publications are
 * kept {@code yixing.events.keep-completed} (a week, on the application clock, as
 * Modulith stamps them), long enough to see when a listener ran; then this job deletes
 * them, hourly, in batches of their own transactions, on one node per batch. Unfinished
 * publications are never deleted here: {@link EventResubmission} hands them out again.
 * <p>
 * Modulith's completion mode {@code delete} would empty the table at once instead, but
 * PostgreSQL then plans its lookups of a publication by id, made while the table is
 * nearly empty, as a scan of the whole table, which a rush of check-outs fills
 * (docs/PERFORMANCE.md).
 */
@Component
class CompletedEventPurge {

	static final int BATCH = 5_000;

	/**
	 * Batches a run deletes at most: the scheduled jobs share one thread, and a backlog
	 * (the first runs after upgrading from a version that kept every row) is worked
	 * through over several runs instead of holding up the others.
	 */
	static final int BATCHES_PER_RUN = 20;

	private static final long LOCK = 0x79697869_6e67_0017L;

	private static final Logger log = LoggerFactory.getLogger(CompletedEventPurge.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration keep;

	CompletedEventPurge(JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
			@Value("${yixing.events.keep-completed:P7D}") Duration keep) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.keep = keep;
	}

	@Scheduled(fixedDelayString = "${yixing.events.purge-interval:PT1H}", initialDelayString = "PT5M")
	public int purge() {
		return purge(BATCH);
	}

	/** Deletes the publications completed before the kept period; how many. */
	int purge(int batch) {
		Timestamp before = Timestamp.from(this.clock.instant().minus(this.keep));
		int total = 0;
		for (int batches = 0; batches < BATCHES_PER_RUN; batches++) {
			Integer deleted = this.transactions.execute((status) -> {
				if (!this.jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single()) {
					return null;
				}
				return this.jdbc.sql("""
						DELETE FROM event_publication WHERE id IN (
						  SELECT id FROM event_publication WHERE completion_date < ? LIMIT ?)""")
					.params(before, batch)
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
			log.info("Deleted {} event publications completed before {}", total, before.toInstant());
		}
		return total;
	}

}
