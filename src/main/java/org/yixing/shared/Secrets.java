package org.yixing.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Keys derived from the one PII master key ({@code YIXING_PII_KEY}): keyed hashes to find
 * sensitive values without storing them, and AES-256-GCM to keep them at rest. Every use
 * names a purpose, so that one derived key never serves two purposes.
 * <p>
 * Rotation: with {@code YIXING_PII_KEY_PREVIOUS} set, values sealed under the previous
 * key still open and lookups try both keys' hashes, while everything new is sealed and
 * hashed under the current key; the re-encryption job moves old rows over
 * ({@link SealedData}).
 */
public final class Secrets {

	private static final int IV_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private final byte[] masterKey;

	private final byte @Nullable [] previousKey;

	private final String keyId;

	private final SecureRandom random = new SecureRandom();

	public Secrets(byte[] masterKey) {
		this(masterKey, null);
	}

	public Secrets(byte[] masterKey, byte @Nullable [] previousKey) {
		check(masterKey);
		if (previousKey != null) {
			check(previousKey);
		}
		this.masterKey = masterKey.clone();
		this.previousKey = (previousKey != null && !Arrays.equals(previousKey, masterKey)) ? previousKey.clone() : null;
		this.keyId = HexFormat.of().formatHex(Arrays.copyOf(hmac(this.masterKey, KEY_ID_LABEL), 8));
	}

	private static final byte[] KEY_ID_LABEL = "key-id".getBytes(StandardCharsets.UTF_8);

	private static void check(byte[] key) {
		if (key.length != 32) {
			throw new IllegalArgumentException("A PII key must be 256 bits (32 bytes, base64-encoded)");
		}
	}

	/** A short public name of the current key, stored beside what it sealed. */
	public String keyId() {
		return this.keyId;
	}

	/** Whether a previous key is configured, i.e. a rotation is under way. */
	public boolean rotating() {
		return this.previousKey != null;
	}

	/**
	 * The keyed hashes to look {@code value} up by: under the current key, and during a
	 * rotation also under the previous one (the same hash twice otherwise, so that a
	 * query can always take two).
	 */
	public Lookup lookup(String purpose, String value) {
		byte[] current = keyedHash(purpose, value);
		byte[] previous = (this.previousKey != null)
				? hmac(derive(this.previousKey, "hash:" + purpose), value.getBytes(StandardCharsets.UTF_8)) : current;
		return new Lookup(current, previous);
	}

	/**
	 * A value's keyed hash under the current key and, while rotating, the previous one.
	 */
	public record Lookup(byte[] current, byte[] previous) {
	}

	/**
	 * A keyed hash (HMAC-SHA256) of {@code value} under the key derived for
	 * {@code purpose}.
	 */
	public byte[] keyedHash(String purpose, String value) {
		return hmac(derive("hash:" + purpose), value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Encrypts {@code plain} with AES-256-GCM; the output is IV followed by ciphertext.
	 */
	public byte[] seal(String purpose, byte[] plain) {
		try {
			byte[] iv = new byte[IV_LENGTH];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derive("seal:" + purpose), "AES"),
					new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plain);
			byte[] out = Arrays.copyOf(iv, IV_LENGTH + sealed.length);
			System.arraycopy(sealed, 0, out, IV_LENGTH, sealed.length);
			return out;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Encryption failed", ex);
		}
	}

	public byte[] seal(String purpose, String plain) {
		return seal(purpose, plain.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Opens a value sealed under the current key or, while rotating, the previous one.
	 */
	public byte[] open(String purpose, byte[] sealed) {
		try {
			return open(this.masterKey, purpose, sealed);
		}
		catch (GeneralSecurityException ex) {
			if (this.previousKey != null) {
				try {
					return open(this.previousKey, purpose, sealed);
				}
				catch (GeneralSecurityException previous) {
					ex.addSuppressed(previous);
				}
			}
			throw new IllegalStateException("Decryption failed: wrong YIXING_PII_KEY or damaged data", ex);
		}
	}

	private static byte[] open(byte[] key, String purpose, byte[] sealed) throws GeneralSecurityException {
		if (sealed.length < IV_LENGTH) {
			throw new javax.crypto.AEADBadTagException("Too short to be sealed");
		}
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derive(key, "seal:" + purpose), "AES"),
				new GCMParameterSpec(TAG_BITS, sealed, 0, IV_LENGTH));
		cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
		return cipher.doFinal(sealed, IV_LENGTH, sealed.length - IV_LENGTH);
	}

	public String openString(String purpose, byte[] sealed) {
		return new String(open(purpose, sealed), StandardCharsets.UTF_8);
	}

	private byte[] derive(String label) {
		return derive(this.masterKey, label);
	}

	private static byte[] derive(byte[] key, String label) {
		return hmac(key, label.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 unavailable", ex);
		}
	}

}
