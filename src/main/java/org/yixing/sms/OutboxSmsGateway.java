package org.yixing.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The default gateway for local use and tests: keeps the newest messages in memory (never
 * in the database) for the dev tools to read back.
 */
class OutboxSmsGateway implements SmsGateway {

	private static final int CAPACITY = 1000;

	private final Deque<SentMessage> messages = new ArrayDeque<>();

	private final Clock clock;

	OutboxSmsGateway(Clock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized void send(SmsMessage message) {
		this.messages.addFirst(new SentMessage(message.phone().value(), message.purpose(), message.code(),
				message.text(), this.clock.instant()));
		while (this.messages.size() > CAPACITY) {
			this.messages.removeLast();
		}
	}

	/** Newest first, optionally only those sent to {@code phone}. */
	synchronized List<SentMessage> messages(@Nullable String phone) {
		return this.messages.stream().filter((m) -> phone == null || m.phone().equals(phone)).toList();
	}

	record SentMessage(String phone, SmsPurpose purpose, String code, String text, Instant sentAt) {
	}

}
