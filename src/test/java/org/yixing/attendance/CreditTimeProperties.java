package org.yixing.attendance;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/** RULES §6: credit time is the overlap with the activity, in whole minutes. */
class CreditTimeProperties {

	static final Instant START = Instant.parse("2026-11-25T02:00:00Z");

	@Test
	void creditIsNeverNegativeAndNeverMoreThanTheActivity() {
		qt().withExamples(5000)
			.forAll(longs().between(60, 86_400), longs().between(-86_400, 172_800), longs().between(0, 86_400))
			.checkAssert((lengthSeconds, inOffset, stayedSeconds) -> {
				Instant end = START.plusSeconds(lengthSeconds);
				Instant in = START.plusSeconds(inOffset);
				Instant out = in.plusSeconds(stayedSeconds);
				int minutes = CreditTime.minutes(in, out, START, end);
				assertThat(minutes).isNotNegative()
					.isLessThanOrEqualTo((int) Duration.ofSeconds(lengthSeconds).toMinutes())
					.isLessThanOrEqualTo((int) Duration.ofSeconds(stayedSeconds).toMinutes());
			});
	}

	@Test
	void creditIsTheOverlapRoundedDown() {
		Instant end = START.plus(Duration.ofHours(2));
		assertThat(CreditTime.minutes(START.minusSeconds(900), START.plusSeconds(5459), START, end)).isEqualTo(90);
		assertThat(CreditTime.minutes(START.plusSeconds(600), end.plusSeconds(1200), START, end)).isEqualTo(110);
		assertThat(CreditTime.minutes(START.minusSeconds(1800), START.minusSeconds(60), START, end)).isZero();
		assertThat(CreditTime.minutes(START.plusSeconds(30), START.plusSeconds(89), START, end)).isZero();
	}

}
