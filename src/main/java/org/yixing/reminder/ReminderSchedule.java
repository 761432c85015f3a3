package org.yixing.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.yixing.attendance.AttendanceDirectory;
import org.yixing.shared.ApplicationClock;

/**
 * When each reminder falls (RULES §13), in Asia/Shanghai time. A reminder is due from its
 * time until its moment (the deadline, midnight or the start): a run that comes late
 * still sends it while it can help, never after.
 */
final class ReminderSchedule {

	/** The midnight reminder's time: 20 minutes before the close. */
	static final LocalTime MIDNIGHT_REMINDER = LocalTime.of(23, 40);

	/** The evening reminder's time, the day before the start. */
	static final LocalTime EVE_REMINDER = LocalTime.of(20, 0);

	static final Duration HOUR_BEFORE = Duration.ofHours(1);

	/** The eve of the latest start (23:59) is 28 hours before it at most. */
	static final Duration SIGN_UP_HORIZON = Duration.ofHours(28);

	/**
	 * Those still waiting for a place (候补) are told within this time of the start that
	 * none came; attendance keeps a waitlist twice as long.
	 */
	static final Duration WAITLIST_ENDED_WITHIN = AttendanceDirectory.WAITLIST_KEPT_AFTER_START.dividedBy(2);

	private ReminderSchedule() {
	}

	/**
	 * The midnight whose reminder is due at {@code now}: the coming one, from 23:40 on.
	 */
	static Optional<Instant> midnightDue(Instant now) {
		ZonedDateTime local = now.atZone(ApplicationClock.ZONE);
		if (local.toLocalTime().isBefore(MIDNIGHT_REMINDER)) {
			return Optional.empty();
		}
		return Optional.of(local.toLocalDate().plusDays(1).atStartOfDay(ApplicationClock.ZONE).toInstant());
	}

	/** 20:00 the day before the start. */
	static Instant eveOf(Instant start) {
		return start.atZone(ApplicationClock.ZONE)
			.toLocalDate()
			.minusDays(1)
			.atTime(EVE_REMINDER)
			.atZone(ApplicationClock.ZONE)
			.toInstant();
	}

	/**
	 * The sign-up reminder due at {@code now} for an activity starting at {@code start},
	 * if any: the hour-before one once it falls, else the evening one. A volunteer who
	 * signed up after a reminder's time is not sent that one: they have just seen the
	 * start.
	 */
	static Optional<ReminderKind> signUpReminderDue(Instant start, Instant signedUpAt, Instant now) {
		if (!now.isBefore(start)) {
			return Optional.empty();
		}
		Instant hourBefore = start.minus(HOUR_BEFORE);
		if (!now.isBefore(hourBefore)) {
			return signedUpAt.isBefore(hourBefore) ? Optional.of(ReminderKind.HOUR_BEFORE) : Optional.empty();
		}
		Instant eve = eveOf(start);
		if (!now.isBefore(eve)) {
			return signedUpAt.isBefore(eve) ? Optional.of(ReminderKind.EVE) : Optional.empty();
		}
		return Optional.empty();
	}

}
