package org.yixing.shared;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells {@link IdleFootprint} whether the server is at work, by how often the young
 * generation is collected: two or more collections in each of two checks 5 s apart is
 * work (G1's periodic collection of an idle heap comes at most once in 10 s, and loading
 * the face models after start is one burst of under a second), none or one in every check
 * for 30 s is idle.
 */
@Component
class HeapAtWork {

	static final int BUSY_COLLECTIONS = 2;

	static final int BUSY_CHECKS = 2;

	static final int QUIET_CHECKS = 6;

	private final LongSupplier collections;

	private long last = -1;

	private int busy;

	private int quiet;

	HeapAtWork() {
		this(HeapAtWork::youngCollections);
	}

	HeapAtWork(LongSupplier collections) {
		this.collections = collections;
	}

	@Scheduled(initialDelay = 5, fixedDelay = 5, timeUnit = TimeUnit.SECONDS)
	void check() {
		if (atWork()) {
			IdleFootprint.atWork();
		}
		else if (idle()) {
			IdleFootprint.idle();
		}
	}

	/** Samples the collections since the last check: whether the server is at work. */
	boolean atWork() {
		long count = this.collections.getAsLong();
		long since = (this.last < 0) ? 0 : count - this.last;
		this.last = count;
		if (since >= BUSY_COLLECTIONS) {
			this.busy++;
			this.quiet = 0;
		}
		else {
			this.busy = 0;
			this.quiet++;
		}
		return this.busy >= BUSY_CHECKS;
	}

	boolean idle() {
		return this.quiet >= QUIET_CHECKS;
	}

	private static long youngCollections() {
		long count = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector.getName().contains("Young") && collector.getCollectionCount() > 0) {
				count += collector.getCollectionCount();
			}
		}
		return count;
	}

}
