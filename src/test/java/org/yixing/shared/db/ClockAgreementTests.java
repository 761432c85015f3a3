package org.yixing.shared.db;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.shared.WarningStatus;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every node judges the rules by its own clock, and the times meet in the database: a
 * node whose clock disagrees with the database server's says so in its health and its
 * log, and the offset is a metric.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class ClockAgreementTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClockAgreement running;

	@Autowired
	Api api;

	@Test
	void aNodeOnTheDatabasesMachineAgreesWithItAndIsUp() {
		ClockAgreement.Reading reading = this.running.measure();
		// one clock read twice: apart by no more than the round trip leaves uncertain
		assertThat(Math.abs(reading.offsetMicros())).isLessThanOrEqualTo(reading.uncertaintyMicros() + 1_000);
		assertThat(reading.uncertaintyMicros()).isBetween(0L, 500_000L);
		this.running.check();
		assertThat(this.running.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.api.get("/actuator/health").status()).isEqualTo(200);
	}

	@Test
	void aNodeFiveSecondsAheadWarnsOnceAndSaysByHowMuch(CapturedOutput output) {
		ClockAgreement ahead = new ClockAgreement(this.jdbc, new MovableClock(Duration.ofSeconds(5)),
				Duration.ofSeconds(1));
		assertThat(ahead.health().getStatus()).isEqualTo(Status.UNKNOWN);
		ahead.check();
		ahead.check();
		Health health = ahead.health();
		assertThat(health.getStatus()).isEqualTo(WarningStatus.WARNING);
		double slack = 1.0 + ((Number) health.getDetails().get("uncertaintyMillis")).doubleValue();
		assertThat(((Number) health.getDetails().get("offsetMillis")).doubleValue()).isCloseTo(5000, within(slack));
		assertThat(health.getDetails()).containsEntry("warnAboveMillis", 1000L).containsKey("measuredAt");
		assertThat(ahead.offsetSeconds()).isCloseTo(5.0, within(slack / 1000));
		assertThat(logged(output, "ahead of")).singleElement()
			.satisfies((s) -> assertThat(s).isCloseTo(5.0, within(0.5)));
		assertThat(output.getOut()).contains("chrony or systemd-timesyncd");
	}

	@Test
	void aNodeBehindSaysBehindAndAgreeingAgainIsLoggedOnce(CapturedOutput output) {
		MovableClock clock = new MovableClock(Duration.ofMillis(-3200));
		ClockAgreement behind = new ClockAgreement(this.jdbc, clock, Duration.ofSeconds(1));
		behind.check();
		assertThat(logged(output, "behind")).singleElement()
			.satisfies((s) -> assertThat(s).isCloseTo(3.2, within(0.5)));
		clock.offset = Duration.ofMillis(800);
		behind.check();
		behind.check();
		assertThat(behind.health().getStatus()).isEqualTo(Status.UP);
		assertThat(output.getOut().split("agrees with the database server's again", -1)).hasSize(2);
	}

	@Test
	void theOffsetIsAPrometheusGauge() {
		this.running.check();
		String metrics = this.api.get("/actuator/prometheus").text();
		Matcher gauge = Pattern.compile("(?m)^yixing_clock_offset_seconds(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
		assertThat(gauge.find()).as(metrics).isTrue();
		assertThat(Math.abs(Double.parseDouble(gauge.group(1)))).isLessThan(0.5);
	}

	/**
	 * The seconds of each "This node's clock is … s {direction} the database server's"
	 * line.
	 */
	private static List<Double> logged(CapturedOutput output, String direction) {
		Matcher line = Pattern
			.compile("This node's clock is (\\d+\\.\\d) s " + direction + " the database server's: .*chrony")
			.matcher(output.getOut());
		List<Double> seconds = new ArrayList<>();
		while (line.find()) {
			seconds.add(Double.parseDouble(line.group(1)));
		}
		return seconds;
	}

	/** The system clock, moved by an offset the test may change. */
	static final class MovableClock extends Clock {

		volatile Duration offset;

		MovableClock(Duration offset) {
			this.offset = offset;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

	}

}
