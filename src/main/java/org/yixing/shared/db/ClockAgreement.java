package org.yixing.shared.db;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.yixing.shared.WarningStatus;

/**
 * Whether this node's clock agrees with the database server's. Every rule takes its time
 * from the clock of the node that serves the request (RULES §11), and the times meet in
 * the database: a rotating QR token that one node issued is judged by another node's 10-s
 * steps (one running behind refuses a fresh token), a check-in stamped by one node and
 * its check-out by another make the credited minutes, a deadline is enforced by whichever
 * node's job runs, and some statements compare a stored time with the database's own
 * clock (unfinished events, idempotency keys). Clocks kept by NTP agree within
 * milliseconds; a server without it drifts by seconds a day.
 * <p>
 * Every minute, the first time at start, the node reads the database's clock between two
 * readings of its own, three times, and keeps the reading with the shortest round trip.
 * When the two clocks are further apart than {@code yixing.clock.warn-above} (1 s) beyond
 * what that round trip leaves uncertain, the health endpoint reports {@code WARNING}
 * (readiness untouched: the node still serves) and one line is logged; one more when they
 * agree again. The offset is also the gauge {@code yixing.clock.offset} (seconds, this
 * node's clock minus the database's). The node's own clock is read here, not the
 * application clock, which the dev tools may fix at another instant.
 */
@Component("clockHealthIndicator")
class ClockAgreement implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(ClockAgreement.class);

	private static final int READINGS = 3;

	private final JdbcClient jdbc;

	private final Clock node;

	private final Duration warnAbove;

	private final AtomicBoolean apart = new AtomicBoolean();

	private volatile @Nullable Reading last;

	@Autowired
	ClockAgreement(JdbcClient jdbc, MeterRegistry meters, @Value("${yixing.clock.warn-above:1s}") Duration warnAbove) {
		this(jdbc, Clock.systemUTC(), warnAbove);
		Gauge.builder("yixing.clock.offset", this, ClockAgreement::offsetSeconds)
			.baseUnit("seconds")
			.description("This node's clock minus the database server's, as last measured")
			.register(meters);
		WarningStatus.gauge(meters, "clock", "APART", () -> {
			Reading reading = this.last;
			return reading != null && reading.apartBeyond(this.warnAbove);
		});
	}

	ClockAgreement(JdbcClient jdbc, Clock node, Duration warnAbove) {
		this.jdbc = jdbc;
		this.node = node;
		this.warnAbove = warnAbove;
	}

	@Override
	public Health health() {
		Reading reading = this.last;
		if (reading == null) {
			return Health.unknown().build();
		}
		Status status = reading.apartBeyond(this.warnAbove) ? WarningStatus.WARNING : Status.UP;
		return Health.status(status)
			.withDetail("offsetMillis", reading.offsetMicros() / 1000)
			.withDetail("uncertaintyMillis", reading.uncertaintyMicros() / 1000)
			.withDetail("warnAboveMillis", this.warnAbove.toMillis())
			.withDetail("measuredAt", reading.at().toString())
			.build();
	}

	@Scheduled(initialDelayString = "PT0S", fixedDelayString = "${yixing.clock.check-every:PT1M}")
	void check() {
		Reading reading;
		try {
			reading = measure();
		}
		catch (DataAccessException ex) {
			// an outage is reported where requests meet it; the next turn measures again
			log.debug("Could not read the database server's clock: {}", ex.toString());
			return;
		}
		this.last = reading;
		boolean beyond = reading.apartBeyond(this.warnAbove);
		if (this.apart.compareAndSet(!beyond, beyond)) {
			if (beyond) {
				log.warn("This node's clock is {} s {} the database server's: rotating QR codes, check-in windows, "
						+ "deadlines and credited minutes are judged by each node's clock, so keep the clocks of "
						+ "every node and of the database server synchronized (chrony or systemd-timesyncd; "
						+ "yixing.clock.warn-above is {} s)", seconds(Math.abs(reading.offsetMicros())),
						(reading.offsetMicros() > 0) ? "ahead of" : "behind", seconds(this.warnAbove.toNanos() / 1000));
			}
			else {
				log.info("This node's clock agrees with the database server's again ({} s apart)",
						seconds(Math.abs(reading.offsetMicros())));
			}
		}
	}

	/**
	 * The database's clock against this node's, the closest of {@value #READINGS}
	 * readings.
	 */
	Reading measure() {
		Reading best = read();
		for (int i = 1; i < READINGS; i++) {
			Reading reading = read();
			if (reading.uncertaintyMicros() < best.uncertaintyMicros()) {
				best = reading;
			}
		}
		return best;
	}

	/** One reading of the database's clock between two of this node's. */
	private Reading read() {
		long before = micros();
		long database = this.jdbc.sql("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint")
			.query(Long.class)
			.single();
		long after = micros();
		return new Reading((before + after) / 2 - database, (after - before + 1) / 2,
				Instant.EPOCH.plus(after, ChronoUnit.MICROS));
	}

	/** The last offset in seconds, NaN before the first measurement. */
	double offsetSeconds() {
		Reading reading = this.last;
		return (reading != null) ? reading.offsetMicros() / 1e6 : Double.NaN;
	}

	private long micros() {
		Instant now = this.node.instant();
		return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
	}

	private static String seconds(long micros) {
		return String.format(Locale.ROOT, "%.1f", micros / 1e6);
	}

	/**
	 * @param offsetMicros this node's clock minus the database's
	 * @param uncertaintyMicros half the round trip, within which the database read its
	 * clock
	 * @param at when this node read it, by its own clock
	 */
	record Reading(long offsetMicros, long uncertaintyMicros, Instant at) {

		boolean apartBeyond(Duration limit) {
			return Math.abs(this.offsetMicros) - this.uncertaintyMicros > limit.toNanos() / 1000;
		}

	}

}
