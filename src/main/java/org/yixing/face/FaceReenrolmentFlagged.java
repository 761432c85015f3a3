package org.yixing.face;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A volunteer's face must be enrolled again (RULES §7), flagged to the admins of
 * {@code organizationId} (the activity's organization; {@code null} when the volunteer
 * withdrew a locked template outside any activity).
 *
 * @param reason {@code MISMATCHES} or {@code WITHDRAWN}
 */
public record FaceReenrolmentFlagged(UUID accountId, @Nullable UUID organizationId, String reason, Instant at) {
}
