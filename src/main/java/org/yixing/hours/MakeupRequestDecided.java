package org.yixing.hours;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An admin approved or rejected a volunteer's makeup request (工时补录, RULES §8). */
public record MakeupRequestDecided(UUID requestId, UUID accountId, UUID organizationId, int minutes, boolean approved,
		@Nullable String reason) {
}
