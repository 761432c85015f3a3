package org.yixing.activity;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.geo.Geofence;

/** An activity as stored. */
record Activity(ActivityId id, OrganizationId organizationId, String title, String description, String place,
		String leadName, Instant startAt, Instant endAt, Geofence geofence, boolean membersOnly,
		@Nullable Integer capacity, int checkInOpensMinutesBefore, int checkOutGraceMinutes, boolean requiresInsurance,
		String checkInCode, CheckInMode checkInMode, int reminderMinutes, @Nullable Integer signUpClosesMinutesBefore,
		Instant createdAt, @Nullable Cancellation cancellation) {

	CheckInActivity forCheckIn() {
		return new CheckInActivity(this.id, this.organizationId, this.title, this.startAt, this.endAt, this.geofence,
				this.membersOnly, this.capacity, Duration.ofMinutes(this.checkInOpensMinutesBefore),
				Duration.ofMinutes(this.checkOutGraceMinutes), this.requiresInsurance, this.checkInMode,
				Duration.ofMinutes(this.reminderMinutes), this.cancellation != null,
				(this.signUpClosesMinutesBefore != null) ? Duration.ofMinutes(this.signUpClosesMinutesBefore) : null);
	}

	boolean cancelled() {
		return this.cancellation != null;
	}

	/** What a service record (志愿服务记录) needs to say about the activity. */
	ServiceRecord serviceRecord() {
		return new ServiceRecord(this.id, this.organizationId, this.title, this.description, this.place, this.leadName,
				this.startAt, this.endAt);
	}

	Activity withCode(String code) {
		return new Activity(this.id, this.organizationId, this.title, this.description, this.place, this.leadName,
				this.startAt, this.endAt, this.geofence, this.membersOnly, this.capacity,
				this.checkInOpensMinutesBefore, this.checkOutGraceMinutes, this.requiresInsurance, code,
				this.checkInMode, this.reminderMinutes, this.signUpClosesMinutesBefore, this.createdAt,
				this.cancellation);
	}

	/** The same activity at another time, as a copy would be: not cancelled. */
	Activity movedBy(Duration later) {
		return new Activity(this.id, this.organizationId, this.title, this.description, this.place, this.leadName,
				this.startAt.plus(later), this.endAt.plus(later), this.geofence, this.membersOnly, this.capacity,
				this.checkInOpensMinutesBefore, this.checkOutGraceMinutes, this.requiresInsurance, this.checkInCode,
				this.checkInMode, this.reminderMinutes, this.signUpClosesMinutesBefore, this.createdAt, null);
	}

	/**
	 * 取消活动 (RULES §5): when, and why, as the admin gave it.
	 */
	record Cancellation(Instant at, String reason) {
	}

}
