package org.yixing.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The default gateway for local use and tests: sends nothing, and keeps the newest
 * messages in the database (the newest 1,000) for the dev tools to read back from any
 * node.
 */
class OutboxSmsGateway implements SmsGateway {

	private static final int CAPACITY = 1000;

	private final JdbcClient jdbc;

	private final Clock clock;

	OutboxSmsGateway(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void send(SmsMessage message) {
		this.jdbc.sql("INSERT INTO sms_outbox (phone, purpose, code, text, sent_at) VALUES (?, ?, ?, ?, ?)")
			.params(message.phone().value(), message.purpose().name(), message.code(), message.text(),
					Timestamp.from(this.clock.instant()))
			.update();
		this.jdbc.sql("DELETE FROM sms_outbox WHERE id <= (SELECT max(id) FROM sms_outbox) - ?")
			.param(CAPACITY)
			.update();
	}

	/** Newest first, optionally only those sent to {@code phone}. */
	List<SentMessage> messages(@Nullable String phone) {
		return this.jdbc.sql("""
				SELECT phone, purpose, code, text, sent_at FROM sms_outbox
				WHERE CAST(:phone AS TEXT) IS NULL OR phone = :phone ORDER BY id DESC LIMIT 1000""")
			.param("phone", phone)
			.query((rs, n) -> new SentMessage(rs.getString("phone"), SmsPurpose.valueOf(rs.getString("purpose")),
					rs.getString("code"), rs.getString("text"), rs.getTimestamp("sent_at").toInstant()))
			.list();
	}

	record SentMessage(String phone, SmsPurpose purpose, String code, String text, Instant sentAt) {
	}

}
