package org.yixing.sms;

import java.text.Normalizer;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * A mainland China mobile number in its 11-digit form. Full-width digits are read as
 * ASCII ones; spaces, dashes and a leading {@code +86} are dropped.
 */
public record PhoneNumber(String value) {

	private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

	public PhoneNumber {
		if (!MOBILE.matcher(value).matches()) {
			throw new DomainException(ErrorCode.INVALID_PHONE);
		}
	}

	/**
	 * Parses user input; anything that is not a mobile number → {@code INVALID_PHONE}.
	 */
	public static PhoneNumber parse(@Nullable String input) {
		if (input == null) {
			throw new DomainException(ErrorCode.INVALID_PHONE);
		}
		String digits = Normalizer.normalize(input, Normalizer.Form.NFKC).replaceAll("[\\s-]", "");
		if (digits.startsWith("+86")) {
			digits = digits.substring(3);
		}
		return new PhoneNumber(digits);
	}

	/** e.g. {@code 138****5678}. */
	public String masked() {
		return this.value.substring(0, 3) + "****" + this.value.substring(7);
	}

	@Override
	public String toString() {
		return masked();
	}

}
