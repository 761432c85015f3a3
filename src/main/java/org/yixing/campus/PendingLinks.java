package org.yixing.campus;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Campus identities proven by a provider but not yet linked (RULES §14): the person is
 * asked to sign in with a password or to register first. Held for 30 minutes, in this
 * browser only (a cookie, its hash here), and taken once.
 */
@Component
class PendingLinks {

	static final String COOKIE = "YIXING_CAMPUS_LINK";

	static final Duration LIFETIME = Duration.ofMinutes(30);

	private final JdbcClient jdbc;

	private final Clock clock;

	PendingLinks(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void hold(Pending pending, HttpServletRequest request, HttpServletResponse response) {
		Instant now = this.clock.instant();
		String token = BrowserCookies.newValue();
		this.jdbc.sql("DELETE FROM campus_pending_links WHERE expires_at <= ?").param(Timestamp.from(now)).update();
		this.jdbc.sql("""
				INSERT INTO campus_pending_links (token_hash, organization_id, issuer, subject, number, expires_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(BrowserCookies.hash(token), pending.organization(), pending.issuer(), pending.subject(),
					pending.number(), Timestamp.from(now.plus(LIFETIME)))
			.update();
		BrowserCookies.write(request, response, COOKIE, token, "/", LIFETIME);
	}

	boolean present(HttpServletRequest request) {
		return BrowserCookies.read(request, COOKIE)
			.map((token) -> this.jdbc
				.sql("SELECT count(*) FROM campus_pending_links WHERE token_hash = ? AND expires_at > ?")
				.params(BrowserCookies.hash(token), Timestamp.from(this.clock.instant()))
				.query(Long.class)
				.single() > 0)
			.orElse(false);
	}

	/** Takes what waits in this browser, if anything, and forgets the cookie. */
	Optional<Pending> take(HttpServletRequest request, HttpServletResponse response) {
		Optional<String> token = BrowserCookies.read(request, COOKIE);
		if (token.isEmpty()) {
			return Optional.empty();
		}
		BrowserCookies.write(request, response, COOKIE, "", "/", Duration.ZERO);
		return this.jdbc.sql("""
				DELETE FROM campus_pending_links WHERE token_hash = ? AND expires_at > ?
				RETURNING organization_id, issuer, subject, number""")
			.params(BrowserCookies.hash(token.get()), Timestamp.from(this.clock.instant()))
			.query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4)))
			.optional();
	}

	record Pending(UUID organization, String issuer, String subject, @Nullable String number) {
	}

}
