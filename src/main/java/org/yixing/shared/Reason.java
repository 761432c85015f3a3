package org.yixing.shared;

import org.jspecify.annotations.Nullable;

/**
 * The reason an admin or platform staff give for a refusal or a release (rejecting a
 * membership, a makeup request or an ID-photo recovery, releasing a device binding):
 * required, at most {@link #MAX} characters, kept stripped. The API's bean validation
 * names {@link #MAX}; the services and the console pages call {@link #check}.
 */
public final class Reason {

	public static final int MAX = 500;

	private Reason() {
	}

	/** The reason as it will be kept; blank or too long → {@code VALIDATION_FAILED}. */
	public static String check(@Nullable String raw) {
		return ShortText.check(raw, MAX, "reason", "console.reason.required");
	}

}
