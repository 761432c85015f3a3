package org.yixing.activity;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.yixing.shared.Secrets;

/**
 * The tokens of the projected 动态二维码 (RULES §12): one per activity and 10-s step of the
 * application clock, a keyed hash under the server's key, so that nobody derives one from
 * the code, the activity or the time. A check-in carries a token of the current step or
 * one of the two before it: a screenshot forwarded to a chat group dies within 30 s.
 */
@Service
public class RotatingQrTokens {

	public static final int STEP_SECONDS = 10;

	/** The current step and the two before it. */
	public static final int STEPS_ACCEPTED = 3;

	private static final String PURPOSE = "rotating-qr";

	private static final int TOKEN_BYTES = 12;

	private final Secrets secrets;

	RotatingQrTokens(Secrets secrets) {
		this.secrets = secrets;
	}

	public static long stepAt(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
	}

	/** The token shown during the step of {@code now}, and when that step ends. */
	public Token current(ActivityId activity, Instant now) {
		long step = stepAt(now);
		return new Token(token(activity.value(), step), step, Instant.ofEpochSecond((step + 1) * STEP_SECONDS));
	}

	/**
	 * Whether {@code token} belongs to the activity's current step or one of the two
	 * before.
	 */
	public boolean accepts(ActivityId activity, @Nullable String token, Instant now) {
		if (token == null || token.isBlank()) {
			return false;
		}
		byte[] sent = token.strip().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		long step = stepAt(now);
		boolean found = false;
		for (int back = 0; back < STEPS_ACCEPTED; back++) {
			// Every step is compared, in constant time, whether an earlier one matched.
			found |= MessageDigest.isEqual(sent,
					token(activity.value(), step - back).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		}
		return found;
	}

	private String token(UUID activity, long step) {
		byte[] hash = this.secrets.keyedHash(PURPOSE, activity + ":" + step);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, TOKEN_BYTES));
	}

	/**
	 * @param token what the QR carries as {@code t}
	 * @param step the 10-s step it belongs to
	 * @param expiresAt when the display should show the next one
	 */
	public record Token(String token, long step, Instant expiresAt) {
	}

}
