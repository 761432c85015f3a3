package org.yixing.organization;

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
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DailyLimit;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.ShortText;

/**
 * 组织公告 (RULES §4): an admin tells the members of an organization, and of every
 * organization below it, something that is not about one activity (a training, a
 * recruitment drive, new rules). Each member gets a notice; the organization's page shows
 * the latest to its members.
 */
@Service
class OrganizationAnnouncements {

	/** An announcement's length, in characters. */
	static final int TEXT_MAX = 500;

	/** Announcements an organization may send per day (Beijing time). */
	static final int DAILY_MAX = 3;

	/** How many the organization's page shows, newest first. */
	static final int SHOWN = 10;

	private final Organizations organizations;

	private final OrganizationPolicy policy;

	private final Memberships memberships;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OrganizationAnnouncements(Organizations organizations, OrganizationPolicy policy, Memberships memberships,
			JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
		this.organizations = organizations;
		this.policy = policy;
		this.memberships = memberships;
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The announcement as it will be kept: stripped, 1–{@value #TEXT_MAX} characters,
	 * else {@code VALIDATION_FAILED} naming {@code text}.
	 */
	static String check(@Nullable String raw) {
		return ShortText.check(raw, TEXT_MAX, "text", "organization.announcement.text");
	}

	/**
	 * Sends it. The organization's row is locked, so that two sends cannot both pass the
	 * day's limit ({@code TOO_MANY_REQUESTS}), but not against memberships and
	 * activities. An archived organization has nobody to tell ({@code NOT_FOUND}).
	 */
	@Transactional
	Announcement send(AuthenticatedAccount caller, OrganizationId id, @Nullable String raw) {
		Organization organization = this.organizations.lockBesideMembers(id)
			.filter((o) -> !o.archived())
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, id);
		String text = check(raw);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		DailyLimit today = DailyLimit.today(this.clock);
		long sentToday = this.jdbc.sql("""
				SELECT count(*) FROM organization_announcements WHERE organization_id = ? AND sent_at >= ?
				  AND sent_at < ?""")
			.params(id.value(), Timestamp.from(today.start()), Timestamp.from(today.end()))
			.query(Long.class)
			.single();
		DailyLimit.require(sentToday, DAILY_MAX, "organization.announcement.daily");
		UUID announcementId = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO organization_announcements (id, organization_id, sent_by, text, sent_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(announcementId, id.value(), caller.id().value(), text, Timestamp.from(now))
			.update();
		this.audit.record(caller.id().value(), "ORGANIZATION_ANNOUNCEMENT_SENT", "ORGANIZATION", id.toString(),
				Map.of("announcementId", announcementId.toString(), "text", text));
		this.events.publishEvent(new OrganizationAnnouncementSent(announcementId, id, organization.name(), text, now));
		return new Announcement(announcementId.toString(), text, ApplicationClock.local(now));
	}

	/**
	 * The organization's announcements, newest first, for its admins and for the members
	 * of it or of an organization below it; anyone else → {@code FORBIDDEN}.
	 */
	List<Announcement> of(AuthenticatedAccount caller, OrganizationId id, int limit) {
		this.organizations.find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (!mayRead(caller, id)) {
			throw new DomainException(ErrorCode.FORBIDDEN);
		}
		return of(id, limit);
	}

	/** Its admins, and the members of it or of an organization below it. */
	boolean mayRead(AuthenticatedAccount caller, OrganizationId id) {
		return this.memberships.isMemberOfOrBelow(caller.id(), id) || this.policy.canAdminister(caller, id);
	}

	/**
	 * The organization's announcements, newest first, for a page that decided who reads.
	 */
	List<Announcement> of(OrganizationId id, int limit) {
		return this.jdbc.sql("""
				SELECT id, text, sent_at FROM organization_announcements WHERE organization_id = ?
				ORDER BY sent_at DESC, id LIMIT ?""")
			.params(id.value(), limit)
			.query((rs, row) -> new Announcement(rs.getString("id"), rs.getString("text"),
					ApplicationClock.local(rs.getTimestamp("sent_at").toInstant())))
			.list();
	}

	record Announcement(String id, String text, OffsetDateTime sentAt) {
	}

}
