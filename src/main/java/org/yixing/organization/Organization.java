package org.yixing.organization;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** An organization as stored. */
record Organization(OrganizationId id, @Nullable OrganizationId parentId, String name, String regionCode,
		Visibility visibility, String description, String contact, Instant createdAt, @Nullable Instant archivedAt) {

	boolean archived() {
		return this.archivedAt != null;
	}

	boolean listed() {
		return this.visibility == Visibility.LISTED && !archived();
	}

}
