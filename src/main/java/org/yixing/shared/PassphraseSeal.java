package org.yixing.shared;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The PII key as a backup carries it (RULES §15): sealed with AES-256-GCM under a key
 * derived from {@code YIXING_BACKUP_PASSPHRASE} by PBKDF2-HMAC-SHA256, as one text line
 * {@code yixing-key-v1:<iterations>:<salt>:<iv>:<ciphertext>} (base64).
 */
public final class PassphraseSeal {

	static final String FORMAT = "yixing-key-v1";

	static final int ITERATIONS = 310_000;

	private PassphraseSeal() {
	}

	public static String seal(byte[] secret, String passphrase) {
		SecureRandom random = new SecureRandom();
		byte[] salt = new byte[16];
		byte[] iv = new byte[12];
		random.nextBytes(salt);
		random.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key(passphrase, salt, ITERATIONS), new GCMParameterSpec(128, iv));
			Base64.Encoder b64 = Base64.getEncoder();
			return String.join(":", FORMAT, String.valueOf(ITERATIONS), b64.encodeToString(salt),
					b64.encodeToString(iv), b64.encodeToString(cipher.doFinal(secret)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The secret, or {@link WrongPassphrase} when the passphrase does not open it. */
	public static byte[] open(String sealed, String passphrase) {
		String[] parts = sealed.strip().split(":");
		if (parts.length != 5 || !FORMAT.equals(parts[0])) {
			throw new IllegalArgumentException("Not a sealed Yixing key");
		}
		Base64.Decoder b64 = Base64.getDecoder();
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key(passphrase, b64.decode(parts[2]), Integer.parseInt(parts[1])),
					new GCMParameterSpec(128, b64.decode(parts[3])));
			return cipher.doFinal(b64.decode(parts[4]));
		}
		catch (AEADBadTagException ex) {
			throw new WrongPassphrase();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SecretKeySpec key(String passphrase, byte[] salt, int iterations) throws GeneralSecurityException {
		char[] chars = passphrase.toCharArray();
		try {
			byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
				.generateSecret(new PBEKeySpec(chars, salt, iterations, 256))
				.getEncoded();
			return new SecretKeySpec(key, "AES");
		}
		finally {
			Arrays.fill(chars, '\0');
		}
	}

	/** The passphrase given does not open the sealed key. */
	public static final class WrongPassphrase extends RuntimeException {

		WrongPassphrase() {
			super("YIXING_BACKUP_PASSPHRASE does not open the PII key sealed in this backup");
		}

	}

}
