package org.yixing.activity;

import java.util.UUID;

/** Typed id of an activity. */
public record ActivityId(UUID value) {

	public static ActivityId random() {
		return new ActivityId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
