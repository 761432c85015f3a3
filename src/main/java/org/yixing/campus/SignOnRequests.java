package org.yixing.campus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Component;

/**
 * Authorization requests in flight (their state, nonce and PKCE verifier), kept in the
 * database rather than a node's session, so that any node takes the callback. Each is
 * bound to the browser that began it by a cookie, lasts ten minutes and is taken once: a
 * replayed or forged callback, or one from another browser, finds nothing.
 */
@Component
class SignOnRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	static final String COOKIE = "YIXING_SIGN_ON";

	static final Duration LIFETIME = Duration.ofMinutes(10);

	/** Only what an authorization request is made of is read back. */
	private static final ObjectInputFilter CLASSES = ObjectInputFilter.Config
		.createFilter("org.springframework.security.oauth2.core.**;java.util.*;java.lang.*;!*");

	private final JdbcClient jdbc;

	private final Clock clock;

	SignOnRequests(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
		String state = request.getParameter(OAuth2ParameterNames.STATE);
		String browser = BrowserCookies.read(request, COOKIE).orElse(null);
		if (state == null || browser == null) {
			return null;
		}
		return this.jdbc.sql("""
				SELECT request FROM campus_sign_on_requests
				WHERE state = ? AND browser_hash = ? AND expires_at > ?""")
			.params(state, BrowserCookies.hash(browser), Timestamp.from(this.clock.instant()))
			.query((rs, n) -> read(rs.getBytes(1)))
			.optional()
			.orElse(null);
	}

	@Override
	public void saveAuthorizationRequest(@Nullable OAuth2AuthorizationRequest authorizationRequest,
			HttpServletRequest request, HttpServletResponse response) {
		if (authorizationRequest == null) {
			removeAuthorizationRequest(request, response);
			return;
		}
		Instant now = this.clock.instant();
		String browser = BrowserCookies.read(request, COOKIE).orElseGet(BrowserCookies::newValue);
		BrowserCookies.write(request, response, COOKIE, browser, "/sign-on", LIFETIME);
		this.jdbc.sql("DELETE FROM campus_sign_on_requests WHERE expires_at <= ?").param(Timestamp.from(now)).update();
		this.jdbc.sql("""
				INSERT INTO campus_sign_on_requests (state, browser_hash, request, expires_at) VALUES (?, ?, ?, ?)""")
			.params(authorizationRequest.getState(), BrowserCookies.hash(browser), write(authorizationRequest),
					Timestamp.from(now.plus(LIFETIME)))
			.update();
	}

	/**
	 * Takes the request: deleted as it is read, so that a second callback finds nothing.
	 */
	@Override
	public @Nullable OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
			HttpServletResponse response) {
		String state = request.getParameter(OAuth2ParameterNames.STATE);
		String browser = BrowserCookies.read(request, COOKIE).orElse(null);
		if (state == null || browser == null) {
			return null;
		}
		return this.jdbc.sql("""
				DELETE FROM campus_sign_on_requests
				WHERE state = ? AND browser_hash = ? AND expires_at > ? RETURNING request""")
			.params(state, BrowserCookies.hash(browser), Timestamp.from(this.clock.instant()))
			.query((rs, n) -> read(rs.getBytes(1)))
			.optional()
			.orElse(null);
	}

	private static byte[] write(OAuth2AuthorizationRequest request) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(request);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static OAuth2AuthorizationRequest read(byte[] stored) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stored))) {
			in.setObjectInputFilter(CLASSES);
			return (OAuth2AuthorizationRequest) in.readObject();
		}
		catch (IOException | ClassNotFoundException ex) {
			throw new IllegalStateException("A stored authorization request could not be read", ex);
		}
	}

}
