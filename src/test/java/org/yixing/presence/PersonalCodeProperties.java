package org.yixing.presence;

import java.security.SecureRandom;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * RULES §12: a personal code's value is accepted for its own 30-s step ± 1, nothing else.
 */
class PersonalCodeProperties {

	static final byte[] SECRET = new byte[32];

	static {
		new SecureRandom().nextBytes(SECRET);
	}

	@Test
	void aValueIsAcceptedForItsStepPlusOrMinusOneAndNeverTwoStepsAway() {
		qt().withExamples(3000)
			.forAll(longs().between(1_600_000_000L, 2_000_000_000L), integers().between(-2, 2),
					integers().between(0, 29))
			.checkAssert((seconds, stepsAway, into) -> {
				long step = PersonalCode.stepAt(Instant.ofEpochSecond(seconds));
				PersonalCode code = PersonalCode.of("k3yIdForTests", SECRET, step);
				Instant scanned = Instant.ofEpochSecond((step + stepsAway) * PersonalCode.STEP_SECONDS + into);
				assertThat(code.validFor(SECRET, scanned)).isEqualTo(Math.abs(stepsAway) <= 1);
			});
	}

	@Test
	void anotherKeysSecretOrATouchedValueIsRefused() {
		byte[] other = new byte[32];
		new SecureRandom().nextBytes(other);
		qt().withExamples(1000).forAll(longs().between(50_000_000L, 70_000_000L)).checkAssert((step) -> {
			PersonalCode code = PersonalCode.of("k3yIdForTests", SECRET, step);
			Instant now = Instant.ofEpochSecond(step * PersonalCode.STEP_SECONDS);
			assertThat(code.validFor(other, now)).isFalse();
			char last = code.value().charAt(code.value().length() - 1);
			PersonalCode touched = new PersonalCode(code.keyId(), step,
					code.value().substring(0, code.value().length() - 1) + ((last == 'A') ? 'B' : 'A'));
			assertThat(touched.validFor(SECRET, now)).isFalse();
		});
	}

	@Test
	void theTextRoundTripsAndAnythingElseIsNoCode() {
		PersonalCode code = PersonalCode.of("k3yIdForTests", SECRET, 59_000_000L);
		assertThat(PersonalCode.parse(code.text())).contains(code);
		assertThat(code.text()).matches("yx:p:k3yIdForTests:59000000:[A-Za-z0-9_-]{14}");
		assertThat(PersonalCode.parse("yx:p:short:1:AAAA")).isEmpty();
		assertThat(PersonalCode.parse("https://example.com/check-in?code=123456")).isEmpty();
		assertThat(PersonalCode.parse("yx:p:k3yIdForTests:-1:AAAA")).isEmpty();
	}

}
