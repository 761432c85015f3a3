package org.yixing.shared;

import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Status;

/**
 * The health status of what an operator must hear of while the node still serves: a
 * missed backup, a filling data disk, a clock that disagrees with the database's. Worse
 * than UP, answered with HTTP 200 and never failing readiness
 * ({@code management.endpoint.health.status.order} in application.properties).
 */
public final class WarningStatus {

	public static final Status WARNING = new Status("WARNING");

	private WarningStatus() {
	}

	/**
	 * The same verdict for Prometheus: the gauge {@code yixing_warning} with the labels
	 * {@code check} and {@code cause}, 1 while the check warns for that cause and 0
	 * otherwise, read from the check itself at each scrape. One alerting rule covers
	 * every check, and the lines stay where the check draws them (docs/OPERATIONS.md,
	 * "Health and metrics").
	 */
	public static void gauge(MeterRegistry meters, String check, String cause, BooleanSupplier warns) {
		Gauge.builder("yixing.warning", warns, (w) -> w.getAsBoolean() ? 1 : 0)
			.tags("check", check, "cause", cause)
			.strongReference(true)
			.description("1 while a check of this node warns an operator for this cause (the health endpoint "
					+ "says WARNING or DOWN), else 0")
			.register(meters);
	}

}
