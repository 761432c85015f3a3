package org.yixing.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import org.yixing.shared.ApplicationClock;

/**
 * When an open session becomes VOID (RULES §6): right after its check-out deadline (which
 * itself still allows check-out), or at the next 00:00 Asia/Shanghai after check-in,
 * whichever comes first. {@code at} is the first instant at which the session is void;
 * the database keeps microseconds, so "right after" is one microsecond later.
 */
record SessionExpiry(Instant at, Reason reason) {

	static SessionExpiry of(Instant checkedInAt, Instant checkOutDeadline) {
		LocalDate day = checkedInAt.atZone(ApplicationClock.ZONE).toLocalDate();
		Instant midnight = ZonedDateTime.of(day.plusDays(1).atStartOfDay(), ApplicationClock.ZONE).toInstant();
		Instant afterDeadline = checkOutDeadline.plus(1, ChronoUnit.MICROS);
		return afterDeadline.isBefore(midnight) ? new SessionExpiry(afterDeadline, Reason.DEADLINE)
				: new SessionExpiry(midnight, Reason.MIDNIGHT);
	}

	enum Reason {

		DEADLINE, MIDNIGHT

	}

}
