package org.yixing.identity;

import org.jspecify.annotations.Nullable;
import org.yixing.shared.DomainException;

/**
 * A real name (RULES §1: registration is real-name): required, at most {@link #MAX}
 * characters, no control or replacement characters, kept stripped. Registration and the
 * ID-photo recovery check it here, from the API and the pages alike; the API's bean
 * validation names {@link #MAX}.
 */
final class RealName {

	static final int MAX = 50;

	private RealName() {
	}

	/**
	 * The name as it will be kept; blank, too long, or with a character no name has (a
	 * control character, or the replacement character of text read in the wrong encoding)
	 * → {@code VALIDATION_FAILED}.
	 */
	static String check(@Nullable String raw) {
		String stripped = (raw != null) ? raw.strip() : "";
		if (stripped.isEmpty() || stripped.length() > MAX
				|| stripped.chars().anyMatch((c) -> Character.isISOControl(c) || c == '\uFFFD')) {
			throw DomainException.invalidField("realName", "ui.register.name.invalid");
		}
		return stripped;
	}

}
