package org.yixing.hours;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** RULES §8: coins = floor(total credit minutes / 60); honor hours never change coins. */
class HoursBalanceProperties {

	@Test
	void coinsAreFullHoursOfTotalCreditTime() {
		qt().withExamples(3000)
			.forAll(lists().of(integers().between(0, 600)).ofSizeBetween(0, 60),
					lists().of(integers().between(-600, 600)).ofSizeBetween(0, 20))
			.checkAssert((credits, honors) -> {
				long credit = sum(credits);
				HoursBalance balance = new HoursBalance(credit, sum(honors));
				assertThat(balance.coins()).isEqualTo(credit / 60);
				assertThat(balance.coins()).isEqualTo(new HoursBalance(credit, 0).coins());
			});
	}

	@Test
	void fiftyNineMinutesAreNoCoinAndSixtyAreOne() {
		assertThat(new HoursBalance(59, 10_000).coins()).isZero();
		assertThat(new HoursBalance(60, 0).coins()).isEqualTo(1);
		assertThat(new HoursBalance(179, -30).coins()).isEqualTo(2);
	}

	private static long sum(List<Integer> values) {
		return values.stream().mapToLong(Integer::longValue).sum();
	}

}
