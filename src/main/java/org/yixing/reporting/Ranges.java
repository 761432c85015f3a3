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

	Range of(@Nullable LocalDate from, @Nullable LocalDate to) {
		LocalDate today = ApplicationClock.today(this.clock);
		LocalDate start = (from != null) ? from : today.withDayOfYear(1);
		LocalDate end = (to != null) ? to : today;
		if (end.isBefore(start)) {
			throw DomainException.invalidField("to", "reporting.range.invalid");
		}
		return new Range(start, end);
	}

	record Range(LocalDate from, LocalDate to) {
	}

}
