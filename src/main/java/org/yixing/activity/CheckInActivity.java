package org.yixing.activity;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.geo.Geofence;

/**
 * What check-in and check-out need to know about an activity, with the time rules of
 * RULES §6.
 *
 * @param checkInOpensBefore how long before the start check-in opens (default 30 min)
 * @param checkOutGrace how long after the end check-out stays possible (default 30 min)
 * @param checkInMode 签到方式 (RULES §12)
 * @param reminderLead how long before the check-out deadline a volunteer still checked in
 * is reminded (RULES §13); zero: not at all
 * @param cancelled 已取消 (RULES §5): nobody signs up or checks in any more
 * @param signUpClosesBefore 报名截止 (RULES §5): how long before the start sign-ups and the
 * waitlist close; {@code null}: sign-ups until the end, the waitlist until the start
 */
public record CheckInActivity(ActivityId id, OrganizationId organizationId, String title, Instant startAt,
		Instant endAt, Geofence geofence, boolean membersOnly, @Nullable Integer capacity, Duration checkInOpensBefore,
		Duration checkOutGrace, boolean requiresInsurance, CheckInMode checkInMode, Duration reminderLead,
		boolean cancelled, @Nullable Duration signUpClosesBefore) {

	/**
	 * Check-in runs from {@code start − checkInOpensBefore} until the end, both included.
	 */
	public boolean checkInOpenAt(Instant now) {
		return !now.isBefore(this.startAt.minus(this.checkInOpensBefore)) && !now.isAfter(this.endAt);
	}

	/** 报名截止: when sign-ups close, if the activity sets it. */
	public @Nullable Instant signUpClosesAt() {
		return (this.signUpClosesBefore != null) ? this.startAt.minus(this.signUpClosesBefore) : null;
	}

	/** Whether a volunteer may sign up (or join the waitlist, before the start) now. */
	public boolean signUpOpenAt(Instant now) {
		Instant closes = signUpClosesAt();
		return (closes != null) ? now.isBefore(closes) : !now.isAfter(this.endAt);
	}

	/** The last instant a session of this activity may be checked out. */
	public Instant checkOutDeadline() {
		return this.endAt.plus(this.checkOutGrace);
	}

}
