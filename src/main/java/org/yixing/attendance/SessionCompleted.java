package org.yixing.attendance;

import java.time.Instant;
import java.util.UUID;

/**
 * A volunteer checked out in time: {@code creditMinutes} of credit time were earned
 * (RULES §8). Published through the event publication registry, so a listener that fails
 * gets it again.
 */
public record SessionCompleted(UUID sessionId, UUID accountId, UUID activityId, UUID organizationId, int creditMinutes,
		Instant checkedInAt, Instant checkedOutAt) {
}
