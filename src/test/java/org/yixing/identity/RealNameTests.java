package org.yixing.identity;

import org.junit.jupiter.api.Test;
import org.yixing.shared.DomainException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RULES §1: a real name of 1–50 characters, as people write them, and nothing else. */
class RealNameTests {

	@Test
	void namesAsPeopleWriteThemAreKeptStripped() {
		assertThat(RealName.check("  张三 ")).isEqualTo("张三");
		assertThat(RealName.check("阿依古丽·买买提")).isEqualTo("阿依古丽·买买提");
		assertThat(RealName.check("欧阳" + "娜".repeat(RealName.MAX - 2))).hasSize(RealName.MAX);
		assertThat(RealName.check("Anna Müller-O'Brien")).isEqualTo("Anna Müller-O'Brien");
	}

	@Test
	void blankTooLongControlAndReplacementCharactersAreRefused() {
		for (String refused : new String[] { null, "", "   ", "娜".repeat(RealName.MAX + 1), "张\u0000三", "张\n三", "张\t三",
				"\u0007", "\uFFFD\uFFFD", "张\uFFFD" }) {
			assertThatThrownBy(() -> RealName.check(refused)).as(String.valueOf(refused))
				.isInstanceOf(DomainException.class)
				.hasMessage("VALIDATION_FAILED");
		}
	}

}
