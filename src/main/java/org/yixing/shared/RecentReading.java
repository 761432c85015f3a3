package org.yixing.shared;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * A reading of the database that the gauges of one scrape share: taken at most once per
 * {@code keep} (a second is plenty: a scrape reads its gauges within milliseconds, and
 * Prometheus scrapes every 15 s or more), and {@code unknown} when the database cannot
 * answer (an outage is reported where requests meet it, and by the health endpoint), so
 * that a scrape costs a statement or two whatever the number of gauges. After a failed
 * reading the next is tried only {@link #AFTER_FAILURE} later: in an outage each try
 * waits out the connection timeout, and every scrape would wait that long at each
 * reading, nearer Prometheus's scrape timeout (which loses the whole scrape) with every
 * gauge added.
 */
public final class RecentReading<T> {

	/** How long a failed reading stands before the database is asked again. */
	public static final Duration AFTER_FAILURE = Duration.ofSeconds(30);

	private static final Logger log = LoggerFactory.getLogger(RecentReading.class);

	private final Duration keep;

	private final Supplier<T> read;

	private final T unknown;

	private final LongSupplier nanoTime;

	private long readAt;

	private T value;

	private boolean taken;

	private boolean failed;

	public RecentReading(Duration keep, Supplier<T> read, T unknown) {
		this(keep, read, unknown, System::nanoTime);
	}

	RecentReading(Duration keep, Supplier<T> read, T unknown, LongSupplier nanoTime) {
		this.keep = keep;
		this.read = read;
		this.unknown = unknown;
		this.value = unknown;
		this.nanoTime = nanoTime;
	}

	public synchronized T get() {
		long now = this.nanoTime.getAsLong();
		Duration stands = this.failed ? AFTER_FAILURE : this.keep;
		if (!this.taken || now - this.readAt >= stands.toNanos()) {
			try {
				this.value = this.read.get();
				this.failed = false;
			}
			catch (DataAccessException ex) {
				log.debug("Could not read a gauge's value: {}", ex.toString());
				this.value = this.unknown;
				this.failed = true;
			}
			// From when the reading ended: a failed one may have waited seconds.
			this.readAt = this.nanoTime.getAsLong();
			this.taken = true;
		}
		return this.value;
	}

}
