package org.yixing.attendance;

import java.time.Instant;
import java.util.UUID;

import org.yixing.activity.ActivityId;

/**
 * An admin signed a volunteer up for an activity (代报名, RULES §5), or took them off its
 * sign-ups: the volunteer is told.
 *
 * @param removed {@code true} when the admin took the sign-up away
 */
public record SignedUpByOrganizer(ActivityId activityId, UUID accountId, String title, Instant startAt,
		boolean removed) {
}
