package org.yixing.shared.web;

/**
 * A request body that can tell, with a few comparisons, that it meets every constraint it
 * declares. The constraint annotations stay the rule (the OpenAPI document and the error
 * messages come from them); this is a shortcut past Bean Validation for the bodies of the
 * 8:00 rush, where Hibernate Validator took ~5 % of a check-in's CPU (issue 25,
 * docs/PERFORMANCE.md). A body that is not plainly valid is validated as any other, so
 * every refusal keeps its field and message.
 */
public interface PlainlyValid {

	/**
	 * Whether every declared constraint holds, judged conservatively: {@code true} only
	 * when Bean Validation would find nothing; {@code false} when in doubt.
	 */
	boolean plainlyValid();

	/**
	 * A {@code @NotBlank} value that no definition of "blank" could call blank: it has a
	 * character that is neither a control, a space nor whitespace.
	 */
	static boolean plainlyNotBlank(@org.jspecify.annotations.Nullable String value) {
		if (value == null) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c > ' ' && !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c)) {
				return true;
			}
		}
		return false;
	}

	/** {@code @Size(max = …)} of a value that may be null. */
	static boolean atMost(@org.jspecify.annotations.Nullable String value, int max) {
		return value == null || value.length() <= max;
	}

	/**
	 * {@code @PositiveOrZero} of a number that is there: Hibernate Validator refuses
	 * {@code -0.0}.
	 */
	static boolean positiveOrZero(double value) {
		return value > 0 || Double.compare(value, 0.0) == 0;
	}

	/** {@code @DecimalMin} and {@code @DecimalMax} of a required number. */
	static boolean within(@org.jspecify.annotations.Nullable Double value, double min, double max) {
		return value != null && value >= min && value <= max;
	}

}
