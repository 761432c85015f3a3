package org.yixing.organization;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.yixing.identity.AccountId;

/**
 * A membership request was approved or rejected (RULES §4); the volunteer is told through
 * a notice.
 *
 * @param eventId this decision's own id, which its notice is written once for (none in an
 * event stored before it was carried)
 */
public record MembershipDecided(AccountId accountId, OrganizationId organizationId, String organizationName,
		boolean approved, @Nullable String reason, @Nullable UUID eventId) {
}
