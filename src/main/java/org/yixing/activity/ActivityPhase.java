package org.yixing.activity;

import java.time.Instant;

/**
 * Where an activity stands at a moment, by the check-in's own window (RULES §6):
 * {@code UPCOMING} before check-in opens, {@code IN_PROGRESS} from then until the end
 * (check-in is possible), {@code ENDED} after it; {@code CANCELLED} (已取消, RULES §5)
 * whatever the time. The staff API and the volunteer's lists read this one rule.
 */
public enum ActivityPhase {

	UPCOMING, IN_PROGRESS, ENDED, CANCELLED;

	public static ActivityPhase of(CheckInActivity activity, Instant now) {
		if (activity.cancelled()) {
			return CANCELLED;
		}
		if (activity.checkInOpenAt(now)) {
			return IN_PROGRESS;
		}
		return now.isAfter(activity.endAt()) ? ENDED : UPCOMING;
	}

}
