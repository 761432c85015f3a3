package org.yixing.attendance;

import java.time.Duration;
import java.time.Instant;

/**
 * RULES §6: credit time is the overlap of [check-in, check-out] with [start, end], in
 * whole minutes, rounded down.
 */
final class CreditTime {

	private CreditTime() {
	}

	static int minutes(Instant checkedIn, Instant checkedOut, Instant start, Instant end) {
		Instant from = checkedIn.isAfter(start) ? checkedIn : start;
		Instant to = checkedOut.isBefore(end) ? checkedOut : end;
		return to.isAfter(from) ? (int) Duration.between(from, to).toMinutes() : 0;
	}

}
