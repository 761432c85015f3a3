package org.yixing.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Opaque bearer tokens (docs/ARCHITECTURE.md): 256 random bits handed out once, stored
 * only as a SHA-256 hash, revocable, expiring 7 days after last use. A lookup is one
 * indexed query; the sliding expiry is written at most once an hour per token.
 */
@Repository
class AccessTokens {

	static final Duration LIFETIME = Duration.ofDays(7);

	private static final Duration TOUCH_INTERVAL = Duration.ofHours(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	AccessTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	String issue(AccountId account) {
		return issue(account, LIFETIME);
	}

	/**
	 * A new token that expires {@code lifetime} after its last use: the API's 7 days, a
	 * browser session's 12 hours, "remember me"'s 30 days.
	 */
	String issue(AccountId account, Duration lifetime) {
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String token = "yx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					INSERT INTO access_tokens (token_hash, account_id, created_at, last_used_at, expires_at, lifetime_seconds)
					VALUES (?, ?, ?, ?, ?, ?)""")
			.params(hash(token), account.value(), Timestamp.from(now), Timestamp.from(now),
					Timestamp.from(now.plus(lifetime)), (int) lifetime.toSeconds())
			.update();
		return token;
	}

	Optional<AuthenticatedAccount> authenticate(String token) {
		Instant now = this.clock.instant();
		byte[] hash = hash(token);
		Optional<Found> found = this.jdbc.sql("""
				SELECT t.account_id, t.last_used_at, t.lifetime_seconds, a.staff, a.must_change_password
				FROM access_tokens t JOIN accounts a ON a.id = t.account_id
				WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ?""")
			.params(hash, Timestamp.from(now))
			.query((rs, n) -> new Found(
					new AuthenticatedAccount(new AccountId(rs.getObject("account_id", UUID.class)),
							rs.getBoolean("staff"), rs.getBoolean("must_change_password")),
					rs.getTimestamp("last_used_at").toInstant(), Duration.ofSeconds(rs.getInt("lifetime_seconds"))))
			.optional();
		found.filter((f) -> Duration.between(f.lastUsedAt(), now).compareTo(touchInterval(f.lifetime())) > 0)
			.ifPresent((f) -> this.jdbc
				.sql("UPDATE access_tokens SET last_used_at = ?, expires_at = ? WHERE token_hash = ?")
				.params(Timestamp.from(now), Timestamp.from(now.plus(f.lifetime())), hash)
				.update());
		return found.map(Found::account);
	}

	void revoke(String token) {
		this.jdbc.sql("UPDATE access_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
			.params(Timestamp.from(this.clock.instant()), hash(token))
			.update();
	}

	/** Revokes every token of the account except {@code keep} (may be null: all). */
	void revokeAllOf(AccountId account, @org.jspecify.annotations.Nullable String keep) {
		this.jdbc.sql("""
				UPDATE access_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL
				AND token_hash IS DISTINCT FROM ?""")
			.params(Timestamp.from(this.clock.instant()), account.value(), (keep != null) ? hash(keep) : null)
			.update();
	}

	static byte[] hash(String token) {
		return sha256().digest(token.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A fresh SHA-256, copied from one looked up once: the JDK's look-up of an algorithm
	 * by name (providers, algorithm constraints) cost more than hashing a token, on every
	 * API request (issue 25).
	 */
	private static MessageDigest sha256() {
		try {
			return (MessageDigest) SHA_256.clone();
		}
		catch (CloneNotSupportedException ex) {
			return lookUpSha256();
		}
	}

	private static final MessageDigest SHA_256 = lookUpSha256();

	private static MessageDigest lookUpSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** At most an hour, and a small share of a short lifetime. */
	private static Duration touchInterval(Duration lifetime) {
		Duration tenth = lifetime.dividedBy(10);
		return (tenth.compareTo(TOUCH_INTERVAL) < 0) ? tenth : TOUCH_INTERVAL;
	}

	private record Found(AuthenticatedAccount account, Instant lastUsedAt, Duration lifetime) {
	}

}
