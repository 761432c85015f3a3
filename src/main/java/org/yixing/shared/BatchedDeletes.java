package org.yixing.shared;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the retention jobs delete rows they no longer need: in batches, each in a
 * transaction of its own that one node at a time runs (a transaction-level advisory
 * lock), and at most {@value #BATCHES_PER_RUN} batches a run. The scheduled jobs share
 * one thread, so a backlog (the first runs after an upgrade that begins deleting what was
 * kept before) is worked through over several runs instead of holding up the others, and
 * no statement comes near the statement timeout. A run that deleted anything says so in
 * one INFO line of the job's log.
 */
@Component
public class BatchedDeletes {

	/** Rows a batch deletes at most. */
	public static final int BATCH = 5_000;

	/** Batches a run deletes at most. */
	public static final int BATCHES_PER_RUN = 20;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	BatchedDeletes(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * A retention job: the advisory lock that keeps its runs to one node at a time, and
	 * the log its runs report to.
	 */
	public record Job(AdvisoryLock lock, Logger log) {

		public Job(AdvisoryLock lock, Class<?> job) {
			this(lock, LoggerFactory.getLogger(job));
		}

	}

	/**
	 * Runs {@code delete} batch after batch until one deletes fewer than {@code batch}
	 * rows, another node holds the job's lock, or {@link #BATCHES_PER_RUN} batches are
	 * done; logs "Deleted <n> <what>" to the job's log when it deleted any.
	 * @param job the job's lock and log
	 * @param what what the rows are, for the log
	 * @param batch the rows a batch deletes at most, bound to the statement's last
	 * parameter (its {@code LIMIT})
	 * @param delete the statement:
	 * {@code DELETE ... WHERE key IN (SELECT key ... LIMIT ?)}; where a row can change
	 * while it is being deleted, the condition goes on the outer statement too
	 * ({@code DELETE ... WHERE condition AND key IN (SELECT key ... WHERE condition LIMIT ?)}):
	 * PostgreSQL checks a row that another transaction changed meanwhile again in its new
	 * version, but only against the outer statement's own conditions, so the sub-select
	 * alone would delete a row that no longer qualifies
	 * @param params its other parameters
	 * @return how many rows the run deleted
	 */
	public int run(Job job, String what, int batch, String delete, Object... params) {
		Object[] all = Arrays.copyOf(params, params.length + 1);
		all[params.length] = batch;
		int total = 0;
		for (int batches = 0; batches < BATCHES_PER_RUN; batches++) {
			Integer deleted = this.transactions.execute((status) -> {
				if (!job.lock().tryTake(this.jdbc)) {
					return null;
				}
				return this.jdbc.sql(delete).params(all).update();
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
			job.log().info("Deleted {} {}", total, what);
		}
		return total;
	}

}
