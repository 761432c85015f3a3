package org.yixing.shared;

import java.util.Arrays;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the retention jobs delete rows they no longer need: in batches, each in a
 * transaction of its own that one node at a time runs (a transaction-level advisory
 * lock), and at most {@value #BATCHES_PER_RUN} batches a run. The scheduled jobs share
 * one thread, so a backlog (the first runs after an upgrade that begins deleting what was
 * kept before) is worked through over several runs instead of holding up the others, and
 * no statement comes near the statement timeout.
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
	 * Runs {@code delete} batch after batch until one deletes fewer than {@code batch}
	 * rows, another node holds {@code lock}, or {@link #BATCHES_PER_RUN} batches are
	 * done.
	 * @param lock the job's advisory lock
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
	public int run(long lock, int batch, String delete, Object... params) {
		Object[] all = Arrays.copyOf(params, params.length + 1);
		all[params.length] = batch;
		int total = 0;
		for (int batches = 0; batches < BATCHES_PER_RUN; batches++) {
			Integer deleted = this.transactions.execute((status) -> {
				if (!this.jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(lock).query(Boolean.class).single()) {
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
		return total;
	}

}
