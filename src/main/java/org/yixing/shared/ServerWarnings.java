package org.yixing.shared;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * What an operator must hear of on this node now, for the staff's console: the same
 * verdicts as the health endpoint's warnings and Prometheus' {@code yixing_warning}
 * ({@link WarningStatus#gauge}), read from those gauges, so that each line stays drawn in
 * its check alone.
 */
@Component
public class ServerWarnings {

	/** A cause that a worse one of its check stands for, when both warn. */
	private static final Map<Warning, Warning> WORSE = Map.of(new Warning("data_disk", "LOW"),
			new Warning("data_disk", "NEARLY_FULL"));

	private final MeterRegistry meters;

	ServerWarnings(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * The checks that warn now, by check and cause; a nearly full disk is not also low.
	 */
	public List<Warning> now() {
		List<Warning> warnings = this.meters.find("yixing.warning")
			.gauges()
			.stream()
			.filter((gauge) -> gauge.value() >= 1)
			.map((gauge) -> new Warning(gauge.getId().getTag("check"), gauge.getId().getTag("cause")))
			.distinct()
			.sorted(Comparator.comparing(Warning::check).thenComparing(Warning::cause))
			.toList();
		return warnings.stream().filter((warning) -> {
			Warning worse = WORSE.get(warning);
			return worse == null || !warnings.contains(worse);
		}).toList();
	}

	/**
	 * @param check {@code backups}, {@code data_disk}, {@code clock} or {@code events}
	 * @param cause the check's cause, e.g. {@code NEARLY_FULL} (docs/OPERATIONS.md,
	 * "Health and metrics")
	 */
	public record Warning(String check, String cause) {

		/** The console's message key of this warning. */
		public String messageKey() {
			return "console.warning." + this.check + "." + this.cause;
		}

	}

}
