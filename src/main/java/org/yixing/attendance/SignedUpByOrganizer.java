package org.yixing.attendance;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.yixing.activity.ActivityId;

/**
 * An admin signed a volunteer up for an activity (代报名, RULES §5), or took them off its
 * sign-ups: the volunteer is told.
 *
 * @param removed {@code true} when the admin took the sign-up away
 * @param eventId this event's own id, which its notice is written once for (none in an
 * event stored before it was carried)
 */
public record SignedUpByOrganizer(ActivityId activityId, UUID accountId, String title, Instant startAt, boolean removed,
		@Nullable UUID eventId) {
}
