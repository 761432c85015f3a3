package org.yixing.identity;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Service;

/**
 * Page sign-in (docs/ARCHITECTURE.md): the same opaque, hashed, revocable tokens as the
 * API, kept in an HttpOnly, SameSite=Lax cookie (Secure over HTTPS). Nothing lives in a
 * node's memory, so any node of a cluster serves any page. Without "remember me" the
 * cookie ends with the browser and the token after 12 idle hours; with it, both last 30
 * days.
 */
@Service
class PageSessions {

	static final String COOKIE = "YIXING_SESSION";

	static final Duration BROWSER_SESSION = Duration.ofHours(12);

	static final Duration REMEMBER_ME = Duration.ofDays(30);

	private final Logins logins;

	private final AccessTokens tokens;

	PageSessions(Logins logins, AccessTokens tokens) {
		this.logins = logins;
		this.tokens = tokens;
	}

	/**
	 * Checks the password under the lock-out rule and signs the browser in; returns the
	 * account.
	 */
	Account signIn(@Nullable String account, @Nullable String password, boolean rememberMe, HttpServletRequest request,
			HttpServletResponse response) {
		Account found = this.logins.verify(account, password);
		signInAs(found.id(), rememberMe, request, response);
		return found;
	}

	/** Signs a browser in as this account (also after 注册并登录). */
	void signInAs(AccountId account, boolean rememberMe, HttpServletRequest request, HttpServletResponse response) {
		token(request).ifPresent(this.tokens::revoke);
		Duration lifetime = rememberMe ? REMEMBER_ME : BROWSER_SESSION;
		write(request, response, this.tokens.issue(account, lifetime), rememberMe ? lifetime : null);
	}

	void signOut(HttpServletRequest request, HttpServletResponse response) {
		token(request).ifPresent(this.tokens::revoke);
		write(request, response, "", Duration.ZERO);
	}

	Optional<AuthenticatedAccount> authenticate(HttpServletRequest request) {
		return token(request).filter((t) -> t.length() <= 200).flatMap(this.tokens::authenticate);
	}

	static Optional<String> token(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		return (cookies != null) ? Arrays.stream(cookies)
			.filter((c) -> COOKIE.equals(c.getName()))
			.map(Cookie::getValue)
			.filter((v) -> !v.isBlank())
			.findFirst() : Optional.empty();
	}

	/** {@code maxAge} null: a browser-session cookie; zero: deletes it. */
	private static void write(HttpServletRequest request, HttpServletResponse response, String value,
			@Nullable Duration maxAge) {
		ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(COOKIE, value)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.path("/");
		if (maxAge != null) {
			cookie.maxAge(maxAge);
		}
		response.addHeader("Set-Cookie", cookie.build().toString());
	}

}
