package org.yixing.identity;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Problems;

/**
 * Resolves bearer tokens. A token of an account that must still change its initial
 * password (RULES §1: imported from a roster, password = the end of the ID number) may
 * only read {@code /me}, change the password and log out: anything else is 403
 * {@code PASSWORD_CHANGE_REQUIRED}, so that a guessed initial password cannot rebind the
 * phone or the security question.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

	private final AccessTokens tokens;

	private final Problems problems;

	BearerTokenFilter(AccessTokens tokens, Problems problems) {
		this.tokens = tokens;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = SecurityConfiguration.bearerToken(request);
		if (!token.isEmpty() && token.length() <= 200) {
			Optional<AuthenticatedAccount> found = this.tokens.authenticate(token);
			if (found.isPresent()) {
				AuthenticatedAccount account = found.get();
				if (account.mustChangePassword() && !allowedBeforePasswordChange(request)) {
					this.problems.write(request, response, ErrorCode.PASSWORD_CHANGE_REQUIRED);
					return;
				}
				SignedInCaller.set(account);
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean allowedBeforePasswordChange(HttpServletRequest request) {
		String path = request.getRequestURI();
		String method = request.getMethod();
		return ("GET".equals(method) && "/api/v1/me".equals(path))
				|| ("PUT".equals(method) && "/api/v1/me/password".equals(path))
				|| ("DELETE".equals(method) && "/api/v1/auth/token".equals(path));
	}

}
