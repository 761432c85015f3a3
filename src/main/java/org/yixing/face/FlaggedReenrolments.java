package org.yixing.face;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityDirectory;
import org.yixing.identity.AccountDirectory;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.ApplicationClock;

/**
 * The re-enrolments flagged in an organization and below (RULES §7), newest first, as its
 * admins see them in the API and the console: who, why, at which activity, and whether
 * the face has been enrolled again.
 */
@Component
class FlaggedReenrolments {

	static final int LIMIT = 500;

	private final JdbcClient jdbc;

	private final OrganizationDirectory organizations;

	private final AccountDirectory accounts;

	private final ActivityDirectory activities;

	FlaggedReenrolments(JdbcClient jdbc, OrganizationDirectory organizations, AccountDirectory accounts,
			ActivityDirectory activities) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.accounts = accounts;
		this.activities = activities;
	}

	/** The caller was already found to administer {@code organization}. */
	List<FlaggedReenrolment> within(OrganizationId organization) {
		List<Row> rows = this.jdbc.sql("""
				SELECT account_id, organization_id, activity_id, reason, flagged_at, reenrolled_at
				FROM face_reenrolments WHERE organization_id IN (:orgs) ORDER BY flagged_at DESC LIMIT :limit""")
			.param("orgs", this.organizations.subtreeIds(organization))
			.param("limit", LIMIT)
			.query((rs, n) -> new Row(rs.getObject("account_id", UUID.class),
					rs.getObject("organization_id", UUID.class), rs.getObject("activity_id", UUID.class),
					rs.getString("reason"), rs.getTimestamp("flagged_at").toInstant(),
					local(rs.getTimestamp("reenrolled_at"))))
			.list();
		Map<UUID, AccountDirectory.AccountSummary> people = this.accounts
			.findAllByUuid(rows.stream().map(Row::accountId).toList());
		Map<UUID, String> titles = this.activities
			.titlesOf(rows.stream().map(Row::activityId).filter(Objects::nonNull).toList());
		return rows.stream().map((r) -> {
			AccountDirectory.AccountSummary who = people.get(r.accountId());
			return new FlaggedReenrolment(r.accountId().toString(), (who != null) ? who.realName() : "",
					(who != null) ? who.idNumberMasked() : "",
					(r.organizationId() != null) ? r.organizationId().toString() : null,
					(r.activityId() != null) ? r.activityId().toString() : null,
					(r.activityId() != null) ? titles.get(r.activityId()) : null, r.reason(),
					ApplicationClock.local(r.flaggedAt()), r.reenrolledAt());
		}).toList();
	}

	private static @Nullable OffsetDateTime local(@Nullable Timestamp at) {
		return (at != null) ? ApplicationClock.local(at.toInstant()) : null;
	}

	private record Row(UUID accountId, @Nullable UUID organizationId, @Nullable UUID activityId, String reason,
			Instant flaggedAt, @Nullable OffsetDateTime reenrolledAt) {
	}

	/**
	 * @param reason {@code MISMATCHES} or {@code WITHDRAWN}
	 */
	record FlaggedReenrolment(String accountId, String realName, String idNumberMasked, @Nullable String organizationId,
			@Nullable String activityId, @Nullable String activityTitle, String reason, OffsetDateTime flaggedAt,
			@Nullable OffsetDateTime reenrolledAt) {
	}

}
