package org.yixing.shared;

import org.jspecify.annotations.Nullable;

/**
 * A required text of a bounded length as people type it (a reason, an admin's message or
 * announcement): kept stripped; blank or too long is {@code VALIDATION_FAILED} naming the
 * field, never cut short.
 */
public final class ShortText {

	private ShortText() {
	}

	/** The text as it will be kept: stripped, 1–{@code max} characters. */
	public static String check(@Nullable String raw, int max, String field, String messageKey) {
		String stripped = (raw != null) ? raw.strip() : "";
		if (stripped.isEmpty() || stripped.length() > max) {
			throw DomainException.invalidField(field, messageKey);
		}
		return stripped;
	}

}
