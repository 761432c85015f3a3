package org.yixing.shared;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One retention rule that fails does not keep the others from running. */
class RetentionsTests {

	@Test
	void everyRuleRunsEvenAfterOneFails() {
		List<String> ran = new ArrayList<>();
		Retention failing = () -> {
			ran.add("failing");
			throw new IllegalStateException("the database went away");
		};
		Retention next = () -> {
			ran.add("next");
			return 3;
		};
		new Retentions(List.of(failing, next)).run();
		new Retentions(List.of(failing, next)).run();
		assertThat(ran).containsExactly("failing", "next", "failing", "next");
	}

}
