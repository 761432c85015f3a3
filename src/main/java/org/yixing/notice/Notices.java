package org.yixing.notice;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Notices of one volunteer, newest first. A notice stores its kind and facts; its text is
 * rendered when read, in the reader's language ({@code notice.<KIND>} messages). A notice
 * that its module gave an expiry is gone from then on ({@link NoticeRetention} deletes
 * it).
 */
@Service
public class Notices {

	/** A notice is shown until its expiry, if it has one; the parameter is now. */
	private static final String SHOWN = "(expires_at IS NULL OR expires_at > ?)";

	private final JdbcClient jdbc;

	private final MessageSource messages;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	Notices(JdbcClient jdbc, MessageSource messages, Clock clock) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * One notice, once per {@code source}: what it was made for, by the event's own key
	 * (a session, a request, the moment of a decision). An event delivered again, after a
	 * restart or a listener's failure, adds nothing; {@code null} adds every time.
	 */
	void add(UUID account, String kind, String subject, String detail, String link, @Nullable String source) {
		this.jdbc.sql("""
				INSERT INTO notices (id, account_id, kind, subject, detail, link, created_at, source)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (account_id, source) WHERE source IS NOT NULL DO NOTHING""")
			.params(UUID.randomUUID(), account, kind, subject, detail, link, Timestamp.from(this.clock.instant()),
					source)
			.update();
	}

	/**
	 * Many notices in one statement, for a module that tells many volunteers at once
	 * (reminders, RULES §13), in the caller's transaction.
	 */
	public void addAll(List<NewNotice> notices) {
		if (notices.isEmpty()) {
			return;
		}
		// In the order of the accounts' index, as PostgreSQL compares UUIDs (unsigned).
		notices = notices.stream()
			.sorted((a, b) -> (a.account().getMostSignificantBits() != b.account().getMostSignificantBits())
					? Long.compareUnsigned(a.account().getMostSignificantBits(), b.account().getMostSignificantBits())
					: Long.compareUnsigned(a.account().getLeastSignificantBits(),
							b.account().getLeastSignificantBits()))
			.toList();
		int n = notices.size();
		UUID[] ids = new UUID[n];
		// Time-ordered ids (the layout of UUID version 7): tens of thousands at once go
		// to
		// the end of the key's index instead of all over it.
		long millis = this.clock.millis();
		long random = this.random.nextLong();
		UUID[] accounts = new UUID[n];
		String[] kinds = new String[n];
		String[] subjects = new String[n];
		String[] details = new String[n];
		String[] links = new String[n];
		String[] expiries = new String[n];
		for (int i = 0; i < n; i++) {
			NewNotice notice = notices.get(i);
			ids[i] = new UUID((millis << 16) | 0x7000 | (i >>> 16 & 0x0fff),
					(random & 0x3fff_ffff_ffff_0000L | (i & 0xffff)) | 0x8000_0000_0000_0000L);
			accounts[i] = notice.account();
			kinds[i] = notice.kind();
			subjects[i] = notice.subject();
			details[i] = notice.detail();
			links[i] = notice.link();
			expiries[i] = (notice.expiresAt() != null) ? notice.expiresAt().toString() : null;
		}
		this.jdbc.sql("""
				INSERT INTO notices (id, account_id, kind, subject, detail, link, created_at, expires_at)
				SELECT id, account_id, kind, subject, detail, link, ?, CAST(expires_at AS timestamptz)
				FROM unnest(?, ?, ?, ?, ?, ?, ?) AS n (id, account_id, kind, subject, detail, link, expires_at)""")
			.params(Timestamp.from(this.clock.instant()), ids, accounts, kinds, subjects, details, links, expiries)
			.update();
	}

	public List<Notice> of(UUID account, Locale locale) {
		return this.jdbc.sql("""
				SELECT id, kind, subject, detail, link, created_at, read_at FROM notices
				WHERE account_id = ? AND %s
				ORDER BY created_at DESC LIMIT 100""".formatted(SHOWN))
			.params(account, Timestamp.from(this.clock.instant()))
			.query((rs, n) -> {
				String kind = rs.getString("kind");
				String subject = rs.getString("subject");
				String detail = rs.getString("detail");
				Timestamp read = rs.getTimestamp("read_at");
				return new Notice(rs.getObject("id", UUID.class), kind,
						this.messages.getMessage("notice." + kind, new Object[] { subject, detail }, kind, locale),
						detail.isEmpty() ? null : detail, rs.getString("link"),
						rs.getTimestamp("created_at").toInstant(), read != null);
			})
			.list();
	}

	public int unread(UUID account) {
		return this.jdbc.sql("""
				SELECT count(*) FROM notices
				WHERE account_id = ? AND read_at IS NULL AND %s""".formatted(SHOWN))
			.params(account, Timestamp.from(this.clock.instant()))
			.query(Integer.class)
			.single();
	}

	public void markAllRead(UUID account) {
		this.jdbc.sql("UPDATE notices SET read_at = ? WHERE account_id = ? AND read_at IS NULL")
			.params(Timestamp.from(this.clock.instant()), account)
			.update();
	}

	/**
	 * @param kind its text is the message {@code notice.<kind>}, given {@code subject}
	 * and {@code detail}
	 * @param link where the app shows more
	 * @param expiresAt when it is no longer worth showing; {@code null}: never (it stays
	 * until the volunteer's erasure)
	 */
	public record NewNotice(UUID account, String kind, String subject, String detail, String link,
			@Nullable Instant expiresAt) {
	}

	/**
	 * @param text the notice in the reader's language
	 * @param detail the decision's reason or other detail, if any
	 * @param link where the app shows more
	 */
	public record Notice(UUID id, String kind, String text, @Nullable String detail, String link, Instant createdAt,
			boolean read) {
	}

}
