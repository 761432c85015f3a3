package org.yixing.organization;

import java.util.UUID;

/** Typed id of an organization; serialised as its UUID string. */
public record OrganizationId(UUID value) {

	public static OrganizationId random() {
		return new OrganizationId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
