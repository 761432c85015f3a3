package org.yixing.reporting;

import java.time.Clock;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;

/**
 * The date range of a report: service dates from {@code from} to {@code to}, both
 * included; by default this year so far (Asia/Shanghai).
 */
@Component
class Ranges {

	private final Clock clock;

	Ranges(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The range asked for, the missing ends filled in; refused when it ends before it
	 * starts.
	 */
	Range of(@Nullable LocalDate from, @Nullable LocalDate to) {
		Range range = shown(from, to);
		if (range.to().isBefore(range.from())) {
			throw DomainException.invalidField("to", "reporting.range.invalid");
		}
		return range;
	}

	/**
	 * The missing ends filled in, as a page shows the range, whether or not it is valid.
	 */
	Range shown(@Nullable LocalDate from, @Nullable LocalDate to) {
		LocalDate today = ApplicationClock.today(this.clock);
		return new Range((from != null) ? from : today.withDayOfYear(1), (to != null) ? to : today);
	}

	record Range(LocalDate from, LocalDate to) {
	}

}
