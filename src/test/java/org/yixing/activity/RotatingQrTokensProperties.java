package org.yixing.activity;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yixing.shared.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * RULES §12: a 动态二维码 token is accepted during its 10-s step and the two after it, for its
 * own activity, and only under the server's key.
 */
class RotatingQrTokensProperties {

	static RotatingQrTokens tokens() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return new RotatingQrTokens(new Secrets(key));
	}

	@Test
	void aTokenLivesForItsStepAndTheTwoAfterIt() {
		RotatingQrTokens tokens = tokens();
		ActivityId activity = new ActivityId(UUID.randomUUID());
		qt().withExamples(3000)
			.forAll(longs().between(1_600_000_000L, 2_000_000_000L), integers().between(-2, 4),
					integers().between(0, 9))
			.checkAssert((seconds, stepsLater, into) -> {
				RotatingQrTokens.Token shown = tokens.current(activity, Instant.ofEpochSecond(seconds));
				Instant used = Instant
					.ofEpochSecond((shown.step() + stepsLater) * RotatingQrTokens.STEP_SECONDS + into);
				assertThat(tokens.accepts(activity, shown.token(), used)).isEqualTo(stepsLater >= 0 && stepsLater <= 2);
			});
	}

	@Test
	void aTokenIsItsActivitysOwnAndNeedsTheServersKey() {
		RotatingQrTokens tokens = tokens();
		RotatingQrTokens elsewhere = tokens();
		Instant now = Instant.parse("2026-12-01T02:00:05Z");
		ActivityId activity = new ActivityId(UUID.randomUUID());
		String token = tokens.current(activity, now).token();
		assertThat(tokens.accepts(new ActivityId(UUID.randomUUID()), token, now)).isFalse();
		assertThat(elsewhere.accepts(activity, token, now)).isFalse();
		assertThat(tokens.accepts(activity, null, now)).isFalse();
		assertThat(tokens.accepts(activity, "", now)).isFalse();
		assertThat(tokens.current(activity, now).expiresAt()).isEqualTo(Instant.parse("2026-12-01T02:00:10Z"));
	}

}
