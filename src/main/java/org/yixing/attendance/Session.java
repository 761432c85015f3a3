package org.yixing.attendance;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A check-in session as stored; {@link #statusAt} is its status by the clock. */
record Session(UUID id, UUID activityId, UUID organizationId, UUID accountId, String deviceId, String method,
		SessionStatus status, Instant checkedInAt, @Nullable Double checkInAccuracy, Instant expiresAt,
		SessionExpiry.Reason expiryReason, @Nullable Instant checkedOutAt, @Nullable Double checkOutAccuracy,
		int creditMinutes) {

	/**
	 * OPEN until checked out or expired; an expired open session is VOID even before the
	 * job says so.
	 */
	SessionStatus statusAt(Instant now) {
		return (this.status == SessionStatus.OPEN && !now.isBefore(this.expiresAt)) ? SessionStatus.VOID : this.status;
	}

	Session completed(Instant at, @Nullable Double accuracy, int minutes) {
		return new Session(this.id, this.activityId, this.organizationId, this.accountId, this.deviceId, this.method,
				SessionStatus.COMPLETED, this.checkedInAt, this.checkInAccuracy, this.expiresAt, this.expiryReason, at,
				accuracy, minutes);
	}

	/**
	 * A SCAN session stored VOID because its expiry passed before its scans were
	 * uploaded, seen as the OPEN session it was at the time of a later scan.
	 */
	Session reopened() {
		return new Session(this.id, this.activityId, this.organizationId, this.accountId, this.deviceId, this.method,
				SessionStatus.OPEN, this.checkedInAt, this.checkInAccuracy, this.expiresAt, this.expiryReason,
				this.checkedOutAt, this.checkOutAccuracy, this.creditMinutes);
	}

	boolean openAt(Instant now) {
		return statusAt(now) == SessionStatus.OPEN;
	}

}
