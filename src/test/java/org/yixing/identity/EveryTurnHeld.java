package org.yixing.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every turn at hashing passwords ({@link PasswordWork}) held by threads of the test
 * until closed, so that password work of the application waits for one.
 */
final class EveryTurnHeld implements AutoCloseable {

	private final PasswordWork work;

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> holders = new ArrayList<>();

	EveryTurnHeld(PasswordWork work) throws InterruptedException {
		this.work = work;
		CountDownLatch holding = new CountDownLatch(work.turns());
		for (int i = 0; i < work.turns(); i++) {
			this.holders.add(Thread.ofPlatform().start(() -> work.run(() -> {
				holding.countDown();
				try {
					return this.release.await(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			})));
		}
		assertThat(holding.await(10, TimeUnit.SECONDS)).as("every turn held").isTrue();
	}

	/** Returns once some work waits for a turn, or after 8 s; how many wait. */
	int untilSomeoneWaits() throws InterruptedException {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
		while (this.work.waiting() == 0 && System.nanoTime() < until) {
			Thread.sleep(5);
		}
		return this.work.waiting();
	}

	/** Gives the turns back. */
	@Override
	public void close() throws InterruptedException {
		this.release.countDown();
		for (Thread holder : this.holders) {
			holder.join(TimeUnit.SECONDS.toMillis(10));
		}
	}

}
