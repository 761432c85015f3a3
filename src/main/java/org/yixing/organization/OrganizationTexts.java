package org.yixing.organization;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.yixing.shared.DomainException;

/**
 * An organization's text fields and their limits (RULES §4), in one place: the API's bean
 * validation names these constants, and {@link OrganizationManagement} checks every draft
 * and change with them, from the API or the console. Too long is a refusal that names the
 * field, never a text cut short.
 */
final class OrganizationTexts {

	static final int NAME_MIN = 2;

	static final int NAME_MAX = 100;

	static final int DESCRIPTION_MAX = 2000;

	static final int CONTACT_MAX = 200;

	/** The limits by field, for the console's inputs. */
	static final Map<String, Integer> LIMITS = Map.of("name", NAME_MAX, "description", DESCRIPTION_MAX, "contact",
			CONTACT_MAX);

	private OrganizationTexts() {
	}

	/**
	 * A name as it will be kept (stripped); outside 2–100 → {@code VALIDATION_FAILED}.
	 */
	static String name(@Nullable String value) {
		String stripped = (value != null) ? value.strip() : "";
		if (stripped.length() < NAME_MIN || stripped.length() > NAME_MAX) {
			throw DomainException.invalidField("name", "console.org.name.invalid");
		}
		return stripped;
	}

	/** The optional texts of a draft or a change: each within its limit, or refused. */
	static void checkOptional(@Nullable String description, @Nullable String contact) {
		if (description != null && description.length() > DESCRIPTION_MAX) {
			throw DomainException.invalidField("description", "organization.description.tooLong");
		}
		if (contact != null && contact.length() > CONTACT_MAX) {
			throw DomainException.invalidField("contact", "organization.contact.tooLong");
		}
	}

}
