package org.yixing.identity;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs page requests in from the {@link PageSessions} cookie. An account that must
 * change its password (RULES §1: imported from a roster) sees only that page until it
 * has.
 */
final class PageSessionFilter extends OncePerRequestFilter {

	private final PageSessions sessions;

	PageSessionFilter(PageSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<AuthenticatedAccount> account = this.sessions.authenticate(request);
		if (account.isPresent()) {
			SignedInCaller.set(account.get());
			String path = request.getRequestURI();
			// Every other page and form, posts included: a guessed initial password
			// must not rebind the phone or the security question.
			if (account.get().mustChangePassword() && !path.equals(SecurityConfiguration.PASSWORD_PAGE)
					&& !path.startsWith("/assets/") && !path.startsWith("/webjars/") && !path.equals("/logout")
					&& !path.equals("/error")) {
				response.sendRedirect(SecurityConfiguration.PASSWORD_PAGE);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
