package org.yixing.activity;

import org.jspecify.annotations.Nullable;
import org.yixing.shared.DomainException;

/**
 * An activity's text fields and their limits (RULES §5), in one place: the API's bean
 * validation names these constants, and {@link ActivityManagement} checks every draft and
 * change with them, whichever way it came (API or console). Too long is a refusal that
 * names the field, never a text cut short.
 */
final class ActivityTexts {

	static final int TITLE_MAX = 100;

	static final int DESCRIPTION_MAX = 5000;

	static final int PLACE_MAX = 200;

	static final int LEAD_NAME_MAX = 50;

	private ActivityTexts() {
	}

	/**
	 * A title as it will be kept (stripped); blank or too long →
	 * {@code VALIDATION_FAILED}.
	 */
	static String title(@Nullable String value) {
		String stripped = (value != null) ? value.strip() : "";
		if (stripped.isEmpty() || stripped.length() > TITLE_MAX) {
			throw DomainException.invalidField("title", "console.activity.title.invalid");
		}
		return stripped;
	}

	/** The optional texts of a draft or a change: each within its limit, or refused. */
	static void checkOptional(@Nullable String description, @Nullable String place, @Nullable String leadName) {
		within("description", description, DESCRIPTION_MAX);
		within("place", place, PLACE_MAX);
		within("leadName", leadName, LEAD_NAME_MAX);
	}

	private static void within(String field, @Nullable String value, int max) {
		if (value != null && value.strip().length() > max) {
			throw DomainException.invalidField(field, "activity." + field + ".tooLong");
		}
	}

}
