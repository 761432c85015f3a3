package org.yixing.organization;

import org.springframework.stereotype.Component;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * The one place that decides who may administer and who may see an organization (RULES
 * §4): platform staff everywhere; an organization admin in the subtree of each
 * organization they administer. Every admin endpoint asks here.
 */
@Component
public class OrganizationPolicy {

	private final Memberships memberships;

	OrganizationPolicy(Memberships memberships) {
		this.memberships = memberships;
	}

	public boolean canAdminister(AuthenticatedAccount caller, OrganizationId organization) {
		return caller.staff() || this.memberships.isAdminOfOrAbove(caller.id(), organization);
	}

	/** Outside the caller's scope → 403 {@code FORBIDDEN}. */
	public void requireAdmin(AuthenticatedAccount caller, OrganizationId organization) {
		if (!canAdminister(caller, organization)) {
			throw new DomainException(ErrorCode.FORBIDDEN);
		}
	}

	/** Hidden organizations are seen by their members and by admins in scope only. */
	boolean canSee(AuthenticatedAccount caller, Organization organization) {
		return organization.visibility() == Visibility.LISTED
				|| this.memberships.role(caller.id(), organization.id()).isPresent()
				|| canAdminister(caller, organization.id());
	}

}
