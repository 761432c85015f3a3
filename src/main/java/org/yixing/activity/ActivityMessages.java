package org.yixing.activity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationPolicy;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DailyLimit;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.ShortText;

/**
 * 活动通知 (RULES §13): an admin of an activity tells its volunteers something (where to
 * meet, what to bring, a thank-you afterwards). The volunteers signed up, waiting for a
 * place (候补) or checked in get it as a notice, and see every message on the activity's
 * page.
 */
@Service
public class ActivityMessages {

	/** A message's length, in characters. */
	public static final int TEXT_MAX = 500;

	/** Messages an activity may send per day (Beijing time). */
	public static final int DAILY_MAX = 10;

	private final Activities activities;

	private final OrganizationPolicy policy;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ActivityAudience audience;

	ActivityMessages(Activities activities, OrganizationPolicy policy, JdbcClient jdbc, AuditLog audit,
			ApplicationEventPublisher events, Clock clock, ActivityAudience audience) {
		this.audience = audience;
		this.activities = activities;
		this.policy = policy;
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The message as it will be kept: stripped, 1–{@value #TEXT_MAX} characters, else
	 * {@code VALIDATION_FAILED} naming {@code text}.
	 */
	static String check(@Nullable String raw) {
		return ShortText.check(raw, TEXT_MAX, "text", "activity.message.text");
	}

	/**
	 * Sends it, also for an activity that ended or was cancelled (a thank-you, a new
	 * date). The activity's row is locked, so two sends cannot both pass the day's limit
	 * ({@code TOO_MANY_REQUESTS}), but not against check-ins, which a message during the
	 * 8:00 rush must not hold back.
	 */
	@Transactional
	public Message send(AuthenticatedAccount caller, ActivityId id, @Nullable String raw) {
		Activity activity = this.activities.lockBesideCheckIns(id)
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, activity.organizationId());
		String text = check(raw);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		DailyLimit today = DailyLimit.today(this.clock);
		long sentToday = this.jdbc
			.sql("SELECT count(*) FROM activity_messages WHERE activity_id = ? AND sent_at >= ? AND sent_at < ?")
			.params(id.value(), Timestamp.from(today.start()), Timestamp.from(today.end()))
			.query(Long.class)
			.single();
		DailyLimit.require(sentToday, DAILY_MAX, "activity.message.daily");
		UUID messageId = UUID.randomUUID();
		this.jdbc.sql("INSERT INTO activity_messages (id, activity_id, sent_by, text, sent_at) VALUES (?, ?, ?, ?, ?)")
			.params(messageId, id.value(), caller.id().value(), text, Timestamp.from(now))
			.update();
		this.audit.record(caller.id().value(), "ACTIVITY_MESSAGE_SENT", "ACTIVITY", id.toString(),
				Map.of("messageId", messageId.toString(), "text", text));
		this.events.publishEvent(new ActivityMessageSent(messageId, id, activity.title(), text, now, activity.endAt()));
		return new Message(messageId.toString(), text, ApplicationClock.local(now));
	}

	/**
	 * The activity's messages, newest first, for its admins and for the volunteers they
	 * were sent to ({@link ActivityAudience}); anyone else → {@code FORBIDDEN}.
	 */
	List<Message> of(AuthenticatedAccount caller, ActivityId id) {
		Activity activity = this.activities.find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (!this.audience.includes(id, caller.id().value())) {
			this.policy.requireAdmin(caller, activity.organizationId());
		}
		return of(id);
	}

	/**
	 * The activity's messages, newest first, for a page that decided who may read them
	 * (its admins, its volunteers).
	 */
	public List<Message> of(ActivityId id) {
		return this.jdbc
			.sql("SELECT id, text, sent_at FROM activity_messages WHERE activity_id = ? ORDER BY sent_at DESC, id")
			.param(id.value())
			.query((rs, row) -> new Message(rs.getString("id"), rs.getString("text"),
					ApplicationClock.local(rs.getTimestamp("sent_at").toInstant())))
			.list();
	}

	public record Message(String id, String text, OffsetDateTime sentAt) {
	}

}
