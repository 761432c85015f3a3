package org.yixing.test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For tests in which one transaction holds a lock while another tries to take it: they
 * watch PostgreSQL's own view of who waits for a lock ({@code pg_stat_activity}), so they
 * depend on no timing.
 */
public final class LockWaits {

	private LockWaits() {
	}

	/**
	 * Waits until a statement of the test's database waits for a lock, and fails if
	 * {@code second} finishes first or nothing waits within 10 s.
	 * @param queryLike a {@code LIKE} pattern of the waiting statement's text
	 */
	public static void awaitBlocked(JdbcClient jdbc, CompletableFuture<?> second, String queryLike)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (!second.isDone() && waiting(jdbc, queryLike) == 0 && Instant.now().isBefore(deadline)) {
			Thread.sleep(20);
		}
		assertThat(second).as("went ahead while the other transaction held the lock").isNotDone();
		assertThat(waiting(jdbc, queryLike)).isEqualTo(1);
	}

	private static int waiting(JdbcClient jdbc, String queryLike) {
		return jdbc.sql("""
				SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE ?""")
			.param(queryLike)
			.query(Integer.class)
			.single();
	}

	/**
	 * Runs {@code work} in a transaction on one of {@code threads} and keeps that
	 * transaction open, with the locks its work took, until {@link Open#commit}.
	 */
	public static Open holdOpen(TransactionTemplate transactions, ExecutorService threads, Runnable work)
			throws InterruptedException {
		CountDownLatch done = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> transaction = CompletableFuture
			.runAsync(() -> transactions.executeWithoutResult((status) -> {
				work.run();
				done.countDown();
				await(release);
			}), threads);
		assertThat(done.await(10, TimeUnit.SECONDS)).as("the work of the transaction held open").isTrue();
		return new Open(release, transaction);
	}

	/** A transaction held open by {@link #holdOpen}. */
	public record Open(CountDownLatch release, CompletableFuture<Void> transaction) {

		/** Lets the transaction commit, and waits up to 10 s until it has. */
		public void commit() throws Exception {
			this.release.countDown();
			this.transaction.get(10, TimeUnit.SECONDS);
		}

	}

	/**
	 * Waits up to 10 s for the latch, on a thread that has no checked exception to throw.
	 */
	public static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
