package org.yixing.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RULES §1: 8–32 characters with letters and digits. */
class PasswordPolicyTests {

	@ParameterizedTest
	@ValueSource(
			strings = { "abcdefg1", "A1234567", "Yixing2026", "a1!@#$%^&*()_+-=", "abcdefghijklmnopqrstuvwxyz123456" })
	void passwordsWithLettersAndDigitsOf8To32CharactersAreAccepted(String password) {
		assertThat(PasswordPolicy.check(password)).isEqualTo(password);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc1234", "abcdefgh", "12345678", "abcdefghijklmnopqrstuvwxyz1234567", "abc 12345",
			"密码abc12345", "!!!!!!!!" })
	void anyOtherPasswordIsWeak(String password) {
		assertThatThrownBy(() -> PasswordPolicy.check(password)).isInstanceOf(DomainException.class)
			.extracting((ex) -> ((DomainException) ex).code())
			.isEqualTo(ErrorCode.WEAK_PASSWORD);
	}

}
