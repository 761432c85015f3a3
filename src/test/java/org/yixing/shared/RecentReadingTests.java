package org.yixing.shared;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gauges' shared reading of the database: once per second at most, and, once the
 * database failed to answer, not again for {@link RecentReading#AFTER_FAILURE}, so that a
 * scrape in an outage does not wait out a connection timeout at every gauge.
 */
class RecentReadingTests {

	final AtomicLong nanos = new AtomicLong(1_000);

	final AtomicInteger reads = new AtomicInteger();

	@Test
	void aReadingIsSharedForOneSecondThenTakenAgain() {
		RecentReading<Integer> reading = new RecentReading<>(Duration.ofSeconds(1), this.reads::incrementAndGet, -1,
				this.nanos::get);
		assertThat(reading.get()).isEqualTo(1);
		advance(Duration.ofMillis(999));
		assertThat(reading.get()).isEqualTo(1);
		advance(Duration.ofMillis(1));
		assertThat(reading.get()).isEqualTo(2);
	}

	@Test
	void aFailedReadingIsUnknownAndNotRetriedUntilItsTimeHasPassed() {
		AtomicInteger failing = new AtomicInteger(1);
		RecentReading<Integer> reading = new RecentReading<>(Duration.ofSeconds(1), () -> {
			this.reads.incrementAndGet();
			if (failing.get() > 0) {
				// Each try in an outage waits out the connection timeout.
				advance(Duration.ofSeconds(3));
				throw new DataAccessResourceFailureException("Connection refused");
			}
			return 7;
		}, -1, this.nanos::get);
		assertThat(reading.get()).isEqualTo(-1);
		advance(Duration.ofSeconds(15));
		assertThat(reading.get()).as("the next scrape does not wait again").isEqualTo(-1);
		assertThat(this.reads).hasValue(1);
		failing.set(0);
		advance(RecentReading.AFTER_FAILURE.minusSeconds(15));
		assertThat(reading.get()).as("asked again once its time has passed").isEqualTo(7);
		assertThat(this.reads).hasValue(2);
		advance(Duration.ofSeconds(1));
		assertThat(reading.get()).as("and every second again once it answers").isEqualTo(7);
		assertThat(this.reads).hasValue(3);
	}

	private void advance(Duration by) {
		this.nanos.addAndGet(by.toNanos());
	}

}
