package org.yixing.organization;

import org.jspecify.annotations.Nullable;
import org.yixing.identity.AccountId;

/**
 * A membership request was approved or rejected (RULES §4); the volunteer is told through
 * a notice.
 */
public record MembershipDecided(AccountId accountId, OrganizationId organizationId, String organizationName,
		boolean approved, @Nullable String reason) {
}
