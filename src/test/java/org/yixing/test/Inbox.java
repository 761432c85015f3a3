package org.yixing.test;

import java.util.List;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;

/**
 * What a volunteer was told: their notices of a kind, and the reminder texts to a phone.
 */
public final class Inbox {

	private Inbox() {
	}

	public static List<JsonNode> notices(Api api, String token, String kind) {
		return StreamSupport.stream(api.get("/me/notices", token).body().spliterator(), false)
			.filter((n) -> kind.equals(n.path("kind").asString()))
			.toList();
	}

	/** Reminder texts in the dev outbox (RULES §13), not verification codes. */
	public static List<JsonNode> reminderTexts(Api api, String phone) {
		return StreamSupport.stream(api.get("/dev/sms-outbox?phone=" + phone).body().spliterator(), false)
			.filter((m) -> "REMINDER".equals(m.path("purpose").asString()))
			.toList();
	}

}
