package org.yixing.notice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.yixing.identity.AccountId;
import org.yixing.organization.OrganizationAnnouncementSent;
import org.yixing.organization.OrganizationDirectory;

/**
 * 组织公告 (RULES §4): each member of the organization and of every organization below it
 * gets the announcement as a notice, all in one transaction, kept for half a year; a
 * redelivered event finds them there and tells nobody twice.
 */
@Component
class AnnouncementNotices {

	/** The most members one announcement reaches (a university's whole tree). */
	static final int MAX_MEMBERS = 200_000;

	/** A member's copy is kept this long (docs/PRIVACY.md). */
	static final Duration KEPT = Duration.ofDays(180);

	private final Notices notices;

	private final OrganizationDirectory organizations;

	private final JdbcClient jdbc;

	AnnouncementNotices(Notices notices, OrganizationDirectory organizations, JdbcClient jdbc) {
		this.notices = notices;
		this.organizations = organizations;
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(OrganizationAnnouncementSent sent) {
		String link = "/organizations/" + sent.organizationId().value() + "#announcement-" + sent.announcementId();
		// Two deliveries at once (another node republishing it) wait for each other here.
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 13))")
			.param(sent.announcementId().toString())
			.query()
			.singleRow();
		List<AccountId> members = this.organizations.membersOfOrBelow(sent.organizationId(), MAX_MEMBERS);
		if (members.isEmpty() || toldAlready(members.get(0), link)) {
			return;
		}
		Instant expires = sent.sentAt().plus(KEPT);
		this.notices.addAll(members.stream()
			.map((member) -> new Notices.NewNotice(member.value(), "ORGANIZATION_ANNOUNCEMENT", sent.organizationName(),
					sent.text(), link, expires))
			.toList());
	}

	/** One member's notice is there when all are: they were added in one transaction. */
	private boolean toldAlready(AccountId member, String link) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM notices WHERE account_id = ? AND kind = 'ORGANIZATION_ANNOUNCEMENT'
				  AND link = ?)""").params(member.value(), link).query(Boolean.class).single();
	}

}
