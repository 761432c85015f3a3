package org.yixing.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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

	/** The caller signed in on the current request, if any. */
	public static Optional<AuthenticatedAccount> ofCurrentRequest() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof AuthenticatedAccount account)
				? Optional.of(account) : Optional.empty();
	}

	/** Platform staff only (RULES §4): anyone else → 403 {@code FORBIDDEN}. */
	public AuthenticatedAccount requireStaff() {
		if (!this.staff) {
			throw new DomainException(ErrorCode.FORBIDDEN);
		}
		return this;
	}

}
