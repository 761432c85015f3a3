package org.yixing.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys derived from the one PII master key ({@code YIXING_PII_KEY}): keyed hashes to find
 * sensitive values without storing them, and AES-256-GCM to keep them at rest. Every use
 * names a purpose, so that one derived key never serves two purposes.
 */
public final class Secrets {

	private static final int IV_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private final byte[] masterKey;

	private final SecureRandom random = new SecureRandom();

	public Secrets(byte[] masterKey) {
		if (masterKey.length != 32) {
			throw new IllegalArgumentException("The PII key must be 256 bits (32 bytes, base64-encoded)");
		}
		this.masterKey = masterKey.clone();
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

	public byte[] open(String purpose, byte[] sealed) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derive("seal:" + purpose), "AES"),
					new GCMParameterSpec(TAG_BITS, sealed, 0, IV_LENGTH));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(sealed, IV_LENGTH, sealed.length - IV_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Decryption failed: wrong YIXING_PII_KEY or damaged data", ex);
		}
	}

	public String openString(String purpose, byte[] sealed) {
		return new String(open(purpose, sealed), StandardCharsets.UTF_8);
	}

	private byte[] derive(String label) {
		return hmac(this.masterKey, label.getBytes(StandardCharsets.UTF_8));
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
