package org.yixing.shared;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events between modules are stored with the transaction that raised them (Spring
 * Modulith's publication registry) and handed to their listeners after it commits. A
 * listener that could not finish (the database went away mid-way: an outage, a failover)
 * leaves its publication incomplete; this job hands such publications to their listeners
 * again once they are {@code yixing.events.resubmit-after} old (a minute), on one node
 * per run. The listeners are idempotent (a session's credit is one row per session), so a
 * second delivery does no harm. At start-up the registry resubmits them as well.
 */
@Component
class EventResubmission implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(EventResubmission.class);

	private final IncompleteEventPublications incomplete;

	private final JdbcClient jdbc;

	private final Duration after;

	EventResubmission(IncompleteEventPublications incomplete, JdbcClient jdbc,
			@Value("${yixing.events.resubmit-after:PT1M}") Duration after) {
		this.incomplete = incomplete;
		this.jdbc = jdbc;
		this.after = after;
	}

	/**
	 * How many events wait longer than {@code resubmit-after} for their listeners:
	 * {@code yixing_events_unfinished}, and {@code yixing_warning{check="events"}} while
	 * there are any. On a quiet server it is 0; one that stays is work that fails again
	 * at every resubmission (docs/OPERATIONS.md, "Health and metrics").
	 */
	@Override
	public void bindTo(MeterRegistry meters) {
		RecentReading<Double> unfinished = new RecentReading<>(Duration.ofSeconds(1), () -> (double) unfinished(),
				Double.NaN);
		Gauge.builder("yixing.events.unfinished", unfinished, RecentReading::get)
			.description("Events between modules that have waited longer than yixing.events.resubmit-after "
					+ "for their listeners")
			.strongReference(true)
			.register(meters);
		WarningStatus.gauge(meters, "events", "UNFINISHED", () -> unfinished.get() > 0);
	}

	@Scheduled(fixedDelayString = "${yixing.events.resubmit-interval:PT15S}", initialDelayString = "PT30S")
	@Transactional
	public void resubmit() {
		if (!AdvisoryLock.EVENT_RESUBMISSION.tryTake(this.jdbc)) {
			return;
		}
		long waiting = unfinished();
		if (waiting > 0) {
			log.info("Handing {} unfinished events to their listeners again", waiting);
			this.incomplete.resubmitIncompletePublicationsOlderThan(this.after);
		}
	}

	private long unfinished() {
		return this.jdbc.sql("""
				SELECT count(*) FROM event_publication WHERE completion_date IS NULL
				  AND publication_date < clock_timestamp() - ? * interval '1 millisecond'""")
			.param(this.after.toMillis())
			.query(Long.class)
			.single();
	}

}
