package org.yixing.identity;

import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The one mapping from an account to Spring Security's authentication, for the bearer
 * tokens of the API and the page sessions alike: each role of
 * {@link AuthenticatedAccount#roles()} becomes {@code ROLE_<role>}.
 */
final class SignedInCaller {

	private SignedInCaller() {
	}

	/** The request's caller from here on. */
	static void set(AuthenticatedAccount account) {
		List<SimpleGrantedAuthority> authorities = account.roles()
			.stream()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(account, null, authorities));
	}

}
