package org.yixing.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yixing.shared.DomainException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumberTests {

	@ParameterizedTest
	@ValueSource(strings = { "13800000001", " 138 0000 0001 ", "+8613800000001", "138-0000-0001", "１３８００００００01",
			"＋８６ １３８０００００００１", "138\u30000000\u30000001" })
	void mainlandMobileNumbersAreNormalisedToElevenDigits(String input) {
		assertThat(PhoneNumber.parse(input).value()).isEqualTo("13800000001");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1380000000", "138000000011", "12800000001", "02788888888", "1380000000a" })
	void anythingElseIsAnInvalidPhone(String input) {
		assertThatThrownBy(() -> PhoneNumber.parse(input)).isInstanceOf(DomainException.class);
	}

	@Test
	void theMaskHidesTheMiddleFourDigits() {
		assertThat(PhoneNumber.parse("13812345678").masked()).isEqualTo("138****5678");
	}

}
