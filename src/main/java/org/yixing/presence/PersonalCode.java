package org.yixing.presence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The personal code's format (docs/API.md), so that any client can make one: {@code step
 * = floor(unix seconds / 30)}, {@code value} = the first 10 bytes of HMAC-SHA256(secret,
 * ASCII "{keyId}:{step}") in base64url without padding, and the QR text
 * {@code yx:p:{keyId}:{step}:{value}}. A value is accepted for its own step ± 1.
 */
public record PersonalCode(String keyId, long step, String value) {

	public static final int STEP_SECONDS = 30;

	/** How many steps either side of the scan's own a value is accepted for. */
	public static final int STEPS_EITHER_SIDE = 1;

	private static final int VALUE_BYTES = 10;

	private static final Pattern TEXT = Pattern.compile("yx:p:([A-Za-z0-9_-]{8,64}):(\\d{1,15}):([A-Za-z0-9_-]{1,32})");

	public static long stepAt(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
	}

	/** The QR text; empty for anything else. */
	public static Optional<PersonalCode> parse(String text) {
		Matcher matcher = TEXT.matcher(text.strip());
		if (!matcher.matches()) {
			return Optional.empty();
		}
		return Optional.of(new PersonalCode(matcher.group(1), Long.parseLong(matcher.group(2)), matcher.group(3)));
	}

	/** The code a device holding {@code secret} shows during {@code step}. */
	public static PersonalCode of(String keyId, byte[] secret, long step) {
		return new PersonalCode(keyId, step, value(keyId, secret, step));
	}

	public String text() {
		return "yx:p:" + this.keyId + ":" + this.step + ":" + this.value;
	}

	/**
	 * Whether the value was computed from {@code secret} for its step, and that step is
	 * within one of the step at {@code scannedAt}.
	 */
	public boolean validFor(byte[] secret, Instant scannedAt) {
		if (Math.abs(this.step - stepAt(scannedAt)) > STEPS_EITHER_SIDE) {
			return false;
		}
		return MessageDigest.isEqual(value(this.keyId, secret, this.step).getBytes(StandardCharsets.US_ASCII),
				this.value.getBytes(StandardCharsets.US_ASCII));
	}

	static String value(String keyId, byte[] secret, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			byte[] hash = mac.doFinal((keyId + ":" + step).getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, VALUE_BYTES));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
