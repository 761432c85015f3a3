package org.yixing.shared.web;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request thread waiting aside lets Tomcat's pool run another thread meanwhile, and the
 * pool returns to its own size afterwards. The pool is made as Tomcat makes its own (its
 * task queue, its thread factory), with two threads.
 */
class LongWaitsTests {

	private final ThreadPoolExecutor pool = tomcatPool(2, 2);

	private final LongWaits waits = new LongWaits();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.pool.shutdownNow();
	}

	@Test
	void whileEveryThreadWaitsAsideAnotherRequestRuns() throws Exception {
		this.waits.use(this.pool);
		CountDownLatch waiting = new CountDownLatch(2);
		for (int i = 0; i < 2; i++) {
			this.pool.execute(() -> this.waits.aside(() -> {
				waiting.countDown();
				awaitRelease();
			}));
		}
		assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.waits.now()).isEqualTo(2);
		Future<String> other = this.pool.submit(() -> "answered");
		assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("answered");
		assertThat(this.pool.getMaximumPoolSize()).isEqualTo(4);
		this.release.countDown();
		assertThat(untilPoolSize(2)).as("threads left once the waits are over").isEqualTo(2);
		assertThat(this.waits.now()).isZero();
		assertThat(this.pool.getMaximumPoolSize()).isEqualTo(2);
		assertThat(this.pool.getCorePoolSize()).isEqualTo(2);
	}

	@Test
	void theSameWaitsNotAsideKeepAnotherRequestQueued() throws Exception {
		this.waits.use(this.pool);
		CountDownLatch waiting = new CountDownLatch(2);
		for (int i = 0; i < 2; i++) {
			this.pool.execute(() -> {
				waiting.countDown();
				awaitRelease();
			});
		}
		assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
		Future<String> other = this.pool.submit(() -> "answered");
		Thread.sleep(300);
		assertThat(other.isDone()).as("answered while every thread waits").isFalse();
		this.release.countDown();
		assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("answered");
	}

	@Test
	void workQueuedBeforeTheWaitGetsTheThreadLentForIt() throws Exception {
		// fewer core threads than the most, as Tomcat's pool keeps (its spare threads)
		ThreadPoolExecutor pool = tomcatPool(1, 3);
		try {
			this.waits.use(pool);
			CountDownLatch started = new CountDownLatch(3);
			CountDownLatch goAside = new CountDownLatch(1);
			pool.execute(() -> {
				started.countDown();
				await(goAside);
				this.waits.aside(this::awaitRelease);
			});
			for (int i = 0; i < 2; i++) {
				pool.execute(() -> {
					started.countDown();
					awaitRelease();
				});
			}
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			Future<String> queued = pool.submit(() -> "answered");
			Thread.sleep(100);
			assertThat(queued.isDone()).isFalse();
			goAside.countDown();
			assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("answered");
		}
		finally {
			this.release.countDown();
			pool.shutdownNow();
		}
	}

	@Test
	void aWaitWithinAWaitLendsOneThread() throws Exception {
		this.waits.use(this.pool);
		CountDownLatch waiting = new CountDownLatch(1);
		this.pool.execute(() -> this.waits.aside(() -> this.waits.aside(() -> {
			waiting.countDown();
			awaitRelease();
		})));
		assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.waits.now()).isEqualTo(1);
		assertThat(this.pool.getMaximumPoolSize()).isEqualTo(3);
		this.release.countDown();
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.waits.now() > 0 && System.nanoTime() < until) {
			Thread.sleep(10);
		}
		assertThat(this.waits.now()).isZero();
		assertThat(this.pool.getMaximumPoolSize()).isEqualTo(2);
	}

	@Test
	void offTheRequestThreadsAWaitOnlyWaits() throws Exception {
		this.waits.use(this.pool);
		Thread job = Thread.ofPlatform().start(() -> this.waits.aside(this::awaitRelease));
		Thread.sleep(100);
		assertThat(this.waits.now()).isZero();
		assertThat(this.pool.getMaximumPoolSize()).isEqualTo(2);
		this.release.countDown();
		job.join(5000);
		assertThat(this.waits.aside(() -> "done")).isEqualTo("done");
	}

	@Test
	void aFailingWaitGivesTheLentThreadBack() throws Exception {
		this.waits.use(this.pool);
		Future<?> failed = this.pool.submit(() -> this.waits.aside(() -> {
			throw new IllegalStateException("refused");
		}));
		assertThat(failed).failsWithin(5, TimeUnit.SECONDS);
		assertThat(this.waits.now()).isZero();
		assertThat(this.pool.getMaximumPoolSize()).isEqualTo(2);
	}

	private void awaitRelease() {
		await(this.release);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private int untilPoolSize(int size) throws InterruptedException {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.pool.getPoolSize() > size && System.nanoTime() < until) {
			Thread.sleep(10);
		}
		return this.pool.getPoolSize();
	}

	/** As Tomcat's endpoint makes its executor (AbstractEndpoint.createExecutor). */
	private static ThreadPoolExecutor tomcatPool(int core, int most) {
		TaskQueue queue = new TaskQueue();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(core, most, 60, TimeUnit.SECONDS, queue,
				new TaskThreadFactory("test-exec-", true, Thread.NORM_PRIORITY));
		queue.setParent(pool);
		return pool;
	}

}
