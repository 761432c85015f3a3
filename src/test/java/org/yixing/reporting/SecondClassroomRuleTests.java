package org.yixing.reporting;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** 第二课堂 credits: counted minutes ÷ minutes per credit, down to a tenth, then capped. */
class SecondClassroomRuleTests {

	@Test
	void creditsAreRoundedDownToATenthAndNeverExceedTheCap() {
		qt().forAll(longs().between(-10_000, 1_000_000), integers().between(1, 100_000), integers().between(1, 500))
			.checkAssert((minutes, perCredit, capTenths) -> {
				BigDecimal cap = BigDecimal.valueOf(capTenths, 1);
				SecondClassroom.Rule rule = new SecondClassroom.Rule(perCredit, false, cap, null, null);
				BigDecimal credits = rule.credits(minutes);
				assertThat(credits.signum()).isGreaterThanOrEqualTo(0);
				assertThat(credits).isLessThanOrEqualTo(cap);
				assertThat(credits.scale()).isLessThanOrEqualTo(1);
				if (credits.compareTo(cap) < 0) {
					// exactly floor(10 × minutes / perCredit) / 10
					long tenths = Math.max(0, minutes) * 10 / perCredit;
					assertThat(credits).isEqualByComparingTo(BigDecimal.valueOf(tenths, 1));
				}
			});
	}

	@Test
	void honorMinutesCountOnlyWhenTheRuleSaysSoAndNegativeTotalsCountAsNone() {
		SecondClassroom.Rule creditOnly = new SecondClassroom.Rule(60, false, null, null, null);
		SecondClassroom.Rule both = new SecondClassroom.Rule(60, true, null, null, null);
		assertThat(creditOnly.counted(90, 100)).isEqualTo(90);
		assertThat(both.counted(90, 100)).isEqualTo(190);
		assertThat(both.counted(0, -30)).isZero();
		assertThat(both.credits(190)).isEqualByComparingTo("3.1");
		assertThat(SecondClassroom.DEFAULT.credits(599)).isEqualByComparingTo("0.9");
	}

}
