package org.yixing.identity;

import org.jspecify.annotations.Nullable;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/** RULES §1: 8–32 printable ASCII characters with at least one letter and one digit. */
final class PasswordPolicy {

	static final int MIN_LENGTH = 8;

	static final int MAX_LENGTH = 32;

	private PasswordPolicy() {
	}

	static String check(@Nullable String password) {
		if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
			throw new DomainException(ErrorCode.WEAK_PASSWORD);
		}
		boolean letter = false;
		boolean digit = false;
		for (char c : password.toCharArray()) {
			if (c < '!' || c > '~') {
				throw new DomainException(ErrorCode.WEAK_PASSWORD);
			}
			letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			digit |= (c >= '0' && c <= '9');
		}
		if (!letter || !digit) {
			throw new DomainException(ErrorCode.WEAK_PASSWORD);
		}
		return password;
	}

}
