package org.yixing.identity;

import java.util.ArrayList;
import java.util.List;

import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * The caller of an API request or page, resolved from the bearer token or the page
 * sign-in cookie. Controllers take it as a parameter; without a valid token they answer
 * 401 {@code UNAUTHENTICATED} (pages: the sign-in page).
 *
 * @param mustChangePassword a roster-imported account that has not yet set its own
 * password (RULES §1)
 */
public record AuthenticatedAccount(AccountId id, boolean staff, boolean mustChangePassword) {

	public List<String> roles() {
		List<String> roles = new ArrayList<>(List.of("VOLUNTEER"));
		if (this.staff) {
			roles.add("STAFF");
		}
		return roles;
	}

	/** Platform staff only (RULES §4): anyone else → 403 {@code FORBIDDEN}. */
	public AuthenticatedAccount requireStaff() {
		if (!this.staff) {
			throw new DomainException(ErrorCode.FORBIDDEN);
		}
		return this;
	}

}
