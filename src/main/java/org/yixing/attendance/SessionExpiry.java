package org.yixing.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import org.yixing.shared.ApplicationClock;

/**
 * When an open session becomes VOID (RULES §6): at its check-out deadline, or at the next
 * 00:00 Asia/Shanghai after check-in, whichever comes first.
 */
record SessionExpiry(Instant at, Reason reason) {

	static SessionExpiry of(Instant checkedInAt, Instant checkOutDeadline) {
		LocalDate day = checkedInAt.atZone(ApplicationClock.ZONE).toLocalDate();
		Instant midnight = ZonedDateTime.of(day.plusDays(1).atStartOfDay(), ApplicationClock.ZONE).toInstant();
		return checkOutDeadline.isBefore(midnight) ? new SessionExpiry(checkOutDeadline, Reason.DEADLINE)
				: new SessionExpiry(midnight, Reason.MIDNIGHT);
	}

	enum Reason {

		DEADLINE, MIDNIGHT

	}

}
