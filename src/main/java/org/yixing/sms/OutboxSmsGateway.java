package org.yixing.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.shared.Secrets;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default gateway for local use and tests: sends nothing, and keeps the newest
 * messages (the newest 1,000) in the database for the dev tools to read back from any
 * node. Phone, code and text are sealed with the PII key and found by the phone's keyed
 * hash: with no SMS provider configured this is also what a production server keeps.
 */
class OutboxSmsGateway implements SmsGateway {

	private static final int CAPACITY = 1000;

	private static final String PURPOSE = "sms.outbox";

	private final JdbcClient jdbc;

	private final Secrets secrets;

	private final JsonMapper json;

	private final Clock clock;

	OutboxSmsGateway(JdbcClient jdbc, Secrets secrets, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public void send(SmsMessage message) {
		Sealed content = new Sealed(message.phone().value(), message.code(), message.text());
		this.jdbc.sql("INSERT INTO sms_outbox (phone_hash, purpose, sealed, sent_at) VALUES (?, ?, ?, ?)")
			.params(this.secrets.keyedHash(PURPOSE, message.phone().value()), message.purpose(),
					this.secrets.seal(PURPOSE, this.json.writeValueAsBytes(content)),
					Timestamp.from(this.clock.instant()))
			.update();
		this.jdbc.sql("DELETE FROM sms_outbox WHERE id <= (SELECT max(id) FROM sms_outbox) - ?")
			.param(CAPACITY)
			.update();
	}

	/** Newest first, optionally only those sent to {@code phone}. */
	List<SentMessage> messages(@Nullable String phone) {
		return this.jdbc.sql("""
				SELECT purpose, sealed, sent_at FROM sms_outbox
				WHERE CAST(:hash AS BYTEA) IS NULL OR phone_hash = :hash ORDER BY id DESC LIMIT 1000""")
			.param("hash", (phone != null) ? this.secrets.keyedHash(PURPOSE, phone) : null)
			.query((rs, n) -> {
				Sealed content;
				try {
					content = this.json.readValue(this.secrets.open(PURPOSE, rs.getBytes("sealed")), Sealed.class);
				}
				catch (IllegalStateException sealedUnderAnOldKey) {
					return null;
				}
				return new SentMessage(content.phone(), rs.getString("purpose"), content.code(), content.text(),
						rs.getTimestamp("sent_at").toInstant());
			})
			.list()
			.stream()
			.filter(Objects::nonNull)
			.toList();
	}

	private record Sealed(String phone, @Nullable String code, String text) {
	}

	/**
	 * @param purpose a {@link SmsPurpose} or {@code REMINDER}
	 * @param code the verification code; none in a reminder
	 */
	record SentMessage(String phone, String purpose, @Nullable String code, String text, Instant sentAt) {
	}

}
