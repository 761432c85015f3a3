package org.yixing.reporting;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.SealedColumn;
import org.yixing.shared.SealedData;
import org.yixing.shared.Secrets;

/**
 * Signs and checks certificate codes. A code is 16 random bytes (the certificate's id)
 * and the first 16 bytes of their HMAC-SHA256 under the certificate key, base64url
 * without padding: 43 characters, 128 bits that cannot be guessed and 128 that cannot be
 * forged. The key is random, made by the first node that needs it and kept sealed under
 * the PII key; after a PII key rotation it is re-sealed like any other sealed data, so
 * codes printed before stay valid.
 */
@Component
class CertificateKeys implements SealedData {

	static final int ID_BYTES = 16;

	static final int TAG_BYTES = 16;

	private static final String PURPOSE = "reporting.certificate-key";

	private final JdbcClient jdbc;

	private final Secrets secrets;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final SealedColumn sealedKey;

	private volatile byte @org.jspecify.annotations.Nullable [] key;

	CertificateKeys(JdbcClient jdbc, Secrets secrets, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		// its own transaction, whatever the caller's (a read-only one, or one that rolls
		// back)
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.sealedKey = new SealedColumn("certificate-key", jdbc, secrets, this.transactions, "certificate_keys", "id",
				"sealed_key", PURPOSE);
	}

	/** A new certificate id with its code. */
	Code newCode() {
		byte[] id = new byte[ID_BYTES];
		this.random.nextBytes(id);
		return new Code(id, codeOf(id));
	}

	/** The code of a certificate id. */
	String codeOf(byte[] id) {
		byte[] code = Arrays.copyOf(id, ID_BYTES + TAG_BYTES);
		System.arraycopy(tag(id), 0, code, ID_BYTES, TAG_BYTES);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(code);
	}

	/**
	 * The certificate id in a code whose signature holds; empty for anything else
	 * (malformed, altered, made up), without reading a row.
	 */
	Optional<byte[]> idOf(String code) {
		if (code.length() != 43 || !code.matches("[A-Za-z0-9_-]{43}")) {
			return Optional.empty();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(code);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		byte[] id = Arrays.copyOf(bytes, ID_BYTES);
		byte[] given = Arrays.copyOfRange(bytes, ID_BYTES, ID_BYTES + TAG_BYTES);
		if (this.key == null && !exists()) {
			// no key yet: no certificate was ever issued (and checking makes none)
			return Optional.empty();
		}
		// the canonical encoding only: another spelling of the same bytes is no code
		if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(code)
				|| !MessageDigest.isEqual(given, tag(id))) {
			return Optional.empty();
		}
		return Optional.of(id);
	}

	private byte[] tag(byte[] id) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			return Arrays.copyOf(mac.doFinal(id), TAG_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 unavailable", ex);
		}
	}

	private byte[] key() {
		byte[] known = this.key;
		if (known == null) {
			known = load();
			this.key = known;
		}
		return known;
	}

	private boolean exists() {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM certificate_keys)").query(Boolean.class).single();
	}

	/** Reads the key, or makes it: the first node to insert wins, the others read its. */
	private byte[] load() {
		byte[] sealed = this.transactions.execute((status) -> {
			byte[] fresh = new byte[32];
			this.random.nextBytes(fresh);
			this.jdbc.sql("""
					INSERT INTO certificate_keys (id, sealed_key, pii_key_id, created_at) VALUES (1, ?, ?, ?)
					ON CONFLICT (id) DO NOTHING""")
				.params(this.secrets.seal(PURPOSE, fresh), this.secrets.keyId(), Timestamp.from(this.clock.instant()))
				.update();
			return this.jdbc.sql("SELECT sealed_key FROM certificate_keys WHERE id = 1").query(byte[].class).single();
		});
		return this.secrets.open(PURPOSE, java.util.Objects.requireNonNull(sealed));
	}

	@Override
	public String name() {
		return "certificate-key";
	}

	@Override
	public long remaining() {
		return this.sealedKey.remaining();
	}

	@Override
	public int reencrypt(int limit) {
		return this.sealedKey.reencrypt(limit);
	}

	/**
	 * @param text what is printed and put in the verification URL
	 */
	record Code(byte[] id, String text) {
	}

}
