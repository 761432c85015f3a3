package org.yixing.shared;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * A reading of the database that the gauges of one scrape share: taken at most once per
 * {@code keep} (a second is plenty: a scrape reads its gauges within milliseconds, and
 * Prometheus scrapes every 15 s or more), and {@code unknown} when the database cannot
 * answer (an outage is reported where requests meet it, and by the health endpoint), so
 * that a scrape costs a statement or two whatever the number of gauges.
 */
public final class RecentReading<T> {

	private static final Logger log = LoggerFactory.getLogger(RecentReading.class);

	private final Duration keep;

	private final Supplier<T> read;

	private final T unknown;

	private long readAt;

	private T value;

	private boolean taken;

	public RecentReading(Duration keep, Supplier<T> read, T unknown) {
		this.keep = keep;
		this.read = read;
		this.unknown = unknown;
		this.value = unknown;
	}

	public synchronized T get() {
		long now = System.nanoTime();
		if (!this.taken || now - this.readAt >= this.keep.toNanos()) {
			try {
				this.value = this.read.get();
			}
			catch (DataAccessException ex) {
				log.debug("Could not read a gauge's value: {}", ex.toString());
				this.value = this.unknown;
			}
			this.readAt = now;
			this.taken = true;
		}
		return this.value;
	}

}
