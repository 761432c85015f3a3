package org.yixing.shared;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Where a request someone decides stands: a membership request (RULES §4), a makeup
 * request (RULES §9), an ID-photo recovery (RULES §3). {@code PENDING} until an admin
 * approves or rejects it, once.
 */
public enum ReviewStatus {

	PENDING, APPROVED, REJECTED;

	/**
	 * The status of that name, or {@code otherwise}: a page's filter from its address.
	 */
	public static ReviewStatus named(@Nullable String name, ReviewStatus otherwise) {
		return Arrays.stream(values()).filter((s) -> s.name().equals(name)).findFirst().orElse(otherwise);
	}

}
