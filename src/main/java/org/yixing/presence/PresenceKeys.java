package org.yixing.presence;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.identity.AccountId;
import org.yixing.shared.Secrets;

/**
 * The keys behind personal codes (RULES §12): issued to a device while online (which
 * revokes the previous device's key), sealed at rest with the PII key, and the values
 * made from them verified when scanned: for their step ± 1, by the key in force, and once
 * per direction.
 */
@Service
public class PresenceKeys {

	static final String PURPOSE = "presence-key";

	private static final int SECRET_BYTES = 32;

	private final JdbcClient jdbc;

	private final Secrets secrets;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	PresenceKeys(JdbcClient jdbc, Secrets secrets, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.clock = clock;
	}

	/** A new key for the caller's device; the previous device's key is revoked. */
	@Transactional
	public Issued issue(AccountId account) {
		Instant now = this.clock.instant();
		// One issue at a time per volunteer: the second waits and revokes the first's
		// key.
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 12))")
			.param(account.value().toString())
			.query()
			.singleRow();
		revoke(account, now);
		byte[] secret = new byte[SECRET_BYTES];
		this.random.nextBytes(secret);
		byte[] id = new byte[12];
		this.random.nextBytes(id);
		String keyId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
		this.jdbc.sql("""
				INSERT INTO presence_keys (id, account_id, secret, pii_key_id, issued_at) VALUES (?, ?, ?, ?, ?)""")
			.params(keyId, account.value(), this.secrets.seal(PURPOSE, secret), this.secrets.keyId(),
					Timestamp.from(now))
			.update();
		return new Issued(keyId, Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
				PersonalCode.STEP_SECONDS, now);
	}

	/** Revokes the key in force, if any (a lost phone). */
	@Transactional
	public void revoke(AccountId account) {
		revoke(account, this.clock.instant());
	}

	private void revoke(AccountId account, Instant now) {
		this.jdbc.sql("UPDATE presence_keys SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL")
			.params(Timestamp.from(now), account.value())
			.update();
	}

	/** The id of the caller's key in force, if any. */
	public Optional<String> currentKeyOf(AccountId account) {
		return this.jdbc.sql("SELECT id FROM presence_keys WHERE account_id = ? AND revoked_at IS NULL")
			.param(account.value())
			.query(String.class)
			.optional();
	}

	/** The keys in force of these volunteers, by key id (a scanning phone's roster). */
	public Map<String, AccountId> currentKeysOf(Collection<UUID> accounts) {
		if (accounts.isEmpty()) {
			return Map.of();
		}
		Map<String, AccountId> keys = new java.util.LinkedHashMap<>();
		this.jdbc.sql("SELECT id, account_id FROM presence_keys WHERE account_id = ANY (?) AND revoked_at IS NULL")
			.param(accounts.toArray(UUID[]::new))
			.query((rs) -> {
				keys.put(rs.getString("id"), new AccountId(rs.getObject("account_id", UUID.class)));
			});
		return keys;
	}

	/**
	 * The volunteer whose device showed {@code text} at {@code scannedAt}: a well-formed
	 * code of a key in force at that time, for the scan's step ± 1. Empty for anything
	 * else. RULES §12 judges an offline scan by the rules at its time, so a scan made
	 * before the volunteer's new phone revoked this key still counts when it is uploaded
	 * after; a scan made after does not. Does not spend the value ({@link #spend}).
	 */
	public Optional<AccountId> verify(String text, Instant scannedAt) {
		Optional<PersonalCode> code = PersonalCode.parse(text);
		if (code.isEmpty()) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				SELECT account_id, secret FROM presence_keys
				WHERE id = ? AND (revoked_at IS NULL OR revoked_at > ?)""")
			.params(code.get().keyId(), Timestamp.from(scannedAt))
			.query((rs, n) -> new Key(new AccountId(rs.getObject("account_id", UUID.class)), rs.getBytes("secret")))
			.optional()
			.filter((key) -> code.get().validFor(this.secrets.open(PURPOSE, key.sealed()), scannedAt))
			.map(Key::account);
	}

	/**
	 * Spends the value of {@code text} for one direction, in the caller's transaction;
	 * false when it was spent before (a replay).
	 */
	public boolean spend(String text, Direction direction) {
		PersonalCode code = PersonalCode.parse(text).orElseThrow();
		return this.jdbc.sql("""
				INSERT INTO presence_code_uses (key_id, step, direction, used_at) VALUES (?, ?, ?, ?)
				ON CONFLICT DO NOTHING""")
			.params(code.keyId(), code.step(), direction.name(), Timestamp.from(this.clock.instant()))
			.update() == 1;
	}

	private record Key(AccountId account, byte[] sealed) {
	}

	public enum Direction {

		IN, OUT

	}

	/**
	 * @param keyId the key's public name, carried in every code
	 * @param secret 32 random bytes, base64url without padding: kept on the device only
	 * @param stepSeconds 30
	 */
	public record Issued(String keyId, String secret, int stepSeconds, Instant issuedAt) {
	}

}
