package org.yixing.attendance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Sign-ups (报名, RULES §5): a sign-up holds one place of an activity until it is
 * cancelled, which is possible until the activity starts. Participants are the signed up
 * and the checked in (an open or completed session), each counted once; places are
 * counted under the same per-activity lock as check-in's, so the two never overbook.
 */
@Service
class SignUps {

	private final JdbcClient jdbc;

	private final Sessions sessions;

	private final ActivityDirectory activities;

	private final OrganizationDirectory organizations;

	private final Clock clock;

	SignUps(JdbcClient jdbc, Sessions sessions, ActivityDirectory activities, OrganizationDirectory organizations,
			Clock clock) {
		this.jdbc = jdbc;
		this.sessions = sessions;
		this.activities = activities;
		this.organizations = organizations;
		this.clock = clock;
	}

	/**
	 * Signs up; signing up again changes nothing. Not for a cancelled activity: read
	 * again after the sign-up is written, since writing it waited for a cancellation
	 * holding the activity, so that every sign-up is either refused or there when the
	 * volunteers are told.
	 */
	@Transactional
	void signUp(AuthenticatedAccount caller, ActivityId id) {
		CheckInActivity activity = this.activities.find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		Instant now = this.clock.instant();
		UUID account = caller.id().value();
		CheckIns.requireNotCancelled(activity);
		if (now.isAfter(activity.endAt())) {
			throw new DomainException(ErrorCode.ACTIVITY_NOT_IN_PROGRESS);
		}
		if (activity.membersOnly() && !this.organizations.isMemberOfOrBelow(caller.id(), activity.organizationId())) {
			throw new DomainException(ErrorCode.NOT_ORGANIZATION_MEMBER);
		}
		this.sessions.lockActivity(id.value());
		if (isSignedUp(id.value(), account)) {
			return;
		}
		if (activity.capacity() != null && participantsOtherThan(id.value(), account, now) >= activity.capacity()) {
			throw new DomainException(ErrorCode.ACTIVITY_FULL);
		}
		this.jdbc.sql("""
				INSERT INTO activity_sign_ups (activity_id, account_id, signed_up_at) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING""").params(id.value(), account, Timestamp.from(now)).update();
		this.activities.find(id).ifPresent(CheckIns::requireNotCancelled);
	}

	/** Cancels a sign-up until the activity starts; cancelling none changes nothing. */
	@Transactional
	void cancel(AuthenticatedAccount caller, ActivityId id) {
		CheckInActivity activity = this.activities.find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (!isSignedUp(id.value(), caller.id().value())) {
			return;
		}
		if (!this.clock.instant().isBefore(activity.startAt())) {
			throw new DomainException(ErrorCode.SIGN_UP_CLOSED);
		}
		this.jdbc.sql("DELETE FROM activity_sign_ups WHERE activity_id = ? AND account_id = ?")
			.params(id.value(), caller.id().value())
			.update();
	}

	boolean isSignedUp(UUID activity, UUID account) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM activity_sign_ups WHERE activity_id = ? AND account_id = ?)")
			.params(activity, account)
			.query(Boolean.class)
			.single();
	}

	/** The activities, among these, that the account has signed up for. */
	Set<UUID> signedUpAmong(UUID account, Collection<UUID> activities) {
		return Set.copyOf(this.jdbc
			.sql("SELECT activity_id FROM activity_sign_ups WHERE account_id = ? AND activity_id = ANY (?)")
			.params(account, activities.toArray(UUID[]::new))
			.query(UUID.class)
			.list());
	}

	/** Who signed up for the activity (the sign-up roster), earliest first. */
	List<SignUp> roster(UUID activity) {
		return this.jdbc
			.sql("SELECT account_id, signed_up_at FROM activity_sign_ups WHERE activity_id = ? ORDER BY signed_up_at")
			.param(activity)
			.query((rs, n) -> new SignUp(rs.getObject("account_id", UUID.class),
					rs.getTimestamp("signed_up_at").toInstant()))
			.list();
	}

	record SignUp(UUID accountId, Instant signedUpAt) {
	}

	/** Every activity the account has signed up for. */
	List<UUID> activitiesOf(UUID account) {
		return this.jdbc.sql("SELECT activity_id FROM activity_sign_ups WHERE account_id = ?")
			.param(account)
			.query(UUID.class)
			.list();
	}

	/** Volunteers holding a place in the activity, other than {@code self}. */
	long participantsOtherThan(UUID activity, UUID self, Instant now) {
		return this.jdbc.sql("""
				SELECT count(*) FROM (
				  SELECT account_id FROM attendance_sessions
				  WHERE activity_id = ? AND account_id <> ?
				    AND (status = 'COMPLETED' OR (status = 'OPEN' AND expires_at > ?))
				  UNION
				  SELECT account_id FROM activity_sign_ups WHERE activity_id = ? AND account_id <> ?) places""")
			.params(activity, self, Timestamp.from(now), activity, self)
			.query(Long.class)
			.single();
	}

	/** Participants of each of these activities (absent: none). */
	Map<UUID, Long> participants(Collection<UUID> activities, Instant now) {
		Map<UUID, Long> counts = new HashMap<>();
		UUID[] ids = activities.toArray(UUID[]::new);
		this.jdbc.sql("""
				SELECT activity_id, count(*) FROM (
				  SELECT activity_id, account_id FROM attendance_sessions
				  WHERE activity_id = ANY (?) AND (status = 'COMPLETED' OR (status = 'OPEN' AND expires_at > ?))
				  UNION
				  SELECT activity_id, account_id FROM activity_sign_ups WHERE activity_id = ANY (?)) places
				GROUP BY activity_id""")
			.params(ids, Timestamp.from(now), ids)
			.query((rs, n) -> counts.put(rs.getObject(1, UUID.class), rs.getLong(2)))
			.list();
		return counts;
	}

}
