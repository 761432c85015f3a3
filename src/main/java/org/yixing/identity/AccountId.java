package org.yixing.identity;

import java.util.UUID;

/** Typed id of an account; serialised as its UUID string. */
public record AccountId(UUID value) {

	public static AccountId random() {
		return new AccountId(UUID.randomUUID());
	}

	public static AccountId parse(String value) {
		return new AccountId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
