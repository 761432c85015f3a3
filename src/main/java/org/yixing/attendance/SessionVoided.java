package org.yixing.attendance;

import java.util.UUID;

/**
 * An admin voided a volunteer's open session (RULES §12), with the reason the volunteer's
 * notice gives.
 */
public record SessionVoided(UUID sessionId, UUID accountId, UUID activityId, String activityTitle, String reason) {
}
