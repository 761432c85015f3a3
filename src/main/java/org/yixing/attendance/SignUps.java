package org.yixing.attendance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;
import org.yixing.identity.AccountId;
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

	/** 报名未到 counts the sign-ups of activities that ended within this time. */
	static final Duration NO_SHOWS_OVER = Duration.ofDays(365);

	/**
	 * 报名未到, of a sign-up {@code u} of activity {@code a}: kept, of an activity not
	 * cancelled that ended between the second parameter and the first (now), and no
	 * check-in of the volunteer's there by any route.
	 */
	private static final String NO_SHOW = "a.cancelled_at IS NULL AND a.end_at <= ? AND a.end_at > ? "
			+ "AND NOT EXISTS (SELECT 1 FROM attendance_sessions s "
			+ "WHERE s.activity_id = u.activity_id AND s.account_id = u.account_id)";

	private final JdbcClient jdbc;

	private final Sessions sessions;

	private final ActivityDirectory activities;

	private final OrganizationDirectory organizations;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	SignUps(JdbcClient jdbc, Sessions sessions, ActivityDirectory activities, OrganizationDirectory organizations,
			Clock clock, ApplicationEventPublisher events, TransactionTemplate transactions) {
		this.events = events;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.sessions = sessions;
		this.activities = activities;
		this.organizations = organizations;
		this.clock = clock;
	}

	/**
	 * Signs up; signing up again changes nothing. Those waiting are served first: a place
	 * added a moment ago, whose edit's filling has not run yet, goes to them (候补).
	 */
	void signUp(AuthenticatedAccount caller, ActivityId id) {
		CheckInActivity activity = mayJoin(caller, id);
		Instant now = this.clock.instant();
		UUID account = caller.id().value();
		// Refused after the transaction, which keeps the places it gave to those waiting.
		if (this.transactions.execute((status) -> holdFor(activity, account, now)) == Held.FULL) {
			throw new DomainException(ErrorCode.ACTIVITY_FULL);
		}
	}

	/**
	 * 候补 (RULES §5): waits for a place of a full activity until its start, first come
	 * first served; with a place free it signs up instead. Joining again changes nothing.
	 * After the start there is nothing to wait for ({@code ACTIVITY_FULL}).
	 * @return the place on the waitlist, 1 first; {@code null} when signed up
	 */
	@Transactional
	@Nullable Integer joinWaitlist(AuthenticatedAccount caller, ActivityId id) {
		CheckInActivity activity = mayJoin(caller, id);
		Instant now = this.clock.instant();
		UUID account = caller.id().value();
		if (holdFor(activity, account, now) != Held.FULL) {
			return null;
		}
		if (!now.isBefore(activity.startAt())) {
			throw new DomainException(ErrorCode.ACTIVITY_FULL);
		}
		this.jdbc.sql("""
				INSERT INTO activity_waitlist (activity_id, account_id, joined_at) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING""").params(id.value(), account, Timestamp.from(now)).update();
		return waitlistPositions(account, List.of(id.value())).get(id.value());
	}

	/** Leaves the waitlist; leaving none changes nothing. */
	@Transactional
	void leaveWaitlist(AuthenticatedAccount caller, ActivityId id) {
		this.activities.find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		unwait(id.value(), caller.id().value());
	}

	private void unwait(UUID activity, UUID account) {
		this.jdbc.sql("DELETE FROM activity_waitlist WHERE activity_id = ? AND account_id = ?")
			.params(activity, account)
			.update();
	}

	/**
	 * Cancels a sign-up until the activity starts; cancelling none changes nothing. The
	 * place goes to the first on the waitlist.
	 */
	@Transactional
	void cancel(AuthenticatedAccount caller, ActivityId id) {
		CheckInActivity activity = this.activities.find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		release(activity, caller.id().value(), this.clock.instant());
	}

	/**
	 * Takes the account's sign-up away until the start ({@code SIGN_UP_CLOSED} after it)
	 * and gives its place to the waitlist; its own cancelling, or an admin's (代报名).
	 * @return whether there was one to take
	 */
	boolean release(CheckInActivity activity, UUID account, Instant now) {
		UUID id = activity.id().value();
		if (!isSignedUp(id, account)) {
			return false;
		}
		if (!now.isBefore(activity.startAt())) {
			throw new DomainException(ErrorCode.SIGN_UP_CLOSED);
		}
		this.sessions.lockActivity(id);
		this.jdbc.sql("DELETE FROM activity_sign_ups WHERE activity_id = ? AND account_id = ?")
			.params(id, account)
			.update();
		this.activities.find(activity.id()).ifPresent((current) -> fill(current, now));
		return true;
	}

	/**
	 * Holds a place for the account, after those waiting, under the activity's lock; its
	 * place on the waitlist goes with it. A volunteer's sign-up, joining the waitlist
	 * with a place free, and 代报名 alike; who may join is checked before
	 * ({@link #requireJoinable}).
	 */
	Held holdFor(CheckInActivity activity, UUID account, Instant now) {
		UUID id = activity.id().value();
		this.sessions.lockActivity(id);
		if (isSignedUp(id, account)) {
			return Held.ALREADY;
		}
		fill(activity, now);
		if (isSignedUp(id, account)) {
			return Held.ALREADY;
		}
		if (!placeFor(activity, account, now)) {
			return Held.FULL;
		}
		hold(activity, account, now);
		unwait(id, account);
		return Held.NOW;
	}

	/** What {@link #holdFor} did. */
	enum Held {

		/** Signed up now. */
		NOW,
		/** Signed up before, or given a place from the waitlist just now. */
		ALREADY,
		/** No place left: refused once the places given to those waiting are kept. */
		FULL

	}

	/**
	 * Free places of an activity that has not started go to its waitlist, earliest first,
	 * as sign-ups; each volunteer promoted is told ({@link WaitlistPromoted}). Takes the
	 * activity's lock, so the places are counted as a check-in or sign-up counts them.
	 */
	@Transactional
	void fill(ActivityId id) {
		this.sessions.lockActivity(id.value());
		this.activities.find(id).ifPresent((activity) -> fill(activity, this.clock.instant()));
	}

	private void fill(CheckInActivity activity, Instant now) {
		if (activity.cancelled() || !now.isBefore(activity.startAt())) {
			return;
		}
		UUID id = activity.id().value();
		List<UUID> waiting = this.jdbc
			.sql("SELECT account_id FROM activity_waitlist WHERE activity_id = ? ORDER BY seq")
			.param(id)
			.query(UUID.class)
			.list();
		for (UUID account : waiting) {
			if (!placeFor(activity, account, now)) {
				return;
			}
			unwait(id, account);
			if (!isSignedUp(id, account)) {
				hold(activity, account, now);
				this.events.publishEvent(new WaitlistPromoted(UUID.randomUUID(), activity.id(), account,
						activity.title(), activity.startAt()));
			}
		}
	}

	/**
	 * Signing up (报名) and the waitlist alike: open, not ended, before 报名截止 where the
	 * activity sets one, members only.
	 */
	private CheckInActivity mayJoin(AuthenticatedAccount caller, ActivityId id) {
		CheckInActivity activity = this.activities.find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		requireJoinable(activity, caller.id().value(), this.clock.instant(), true);
		return activity;
	}

	/**
	 * Who may sign up: not cancelled, not ended, members only where it says so; and, for
	 * a volunteer's own sign-up or waitlist, before 报名截止 (an admin's 代报名 is not bound by
	 * it).
	 */
	void requireJoinable(CheckInActivity activity, UUID account, Instant now, boolean bySignUpDeadline) {
		CheckIns.requireNotCancelled(activity);
		if (now.isAfter(activity.endAt())) {
			throw new DomainException(ErrorCode.ACTIVITY_NOT_IN_PROGRESS);
		}
		if (bySignUpDeadline && !activity.signUpOpenAt(now)) {
			throw new DomainException(ErrorCode.SIGN_UP_DEADLINE_PASSED);
		}
		if (activity.membersOnly()
				&& !this.organizations.isMemberOfOrBelow(new AccountId(account), activity.organizationId())) {
			throw new DomainException(ErrorCode.NOT_ORGANIZATION_MEMBER);
		}
	}

	/**
	 * Under the activity's lock: is there a place for the account (one it holds counts)?
	 */
	private boolean placeFor(CheckInActivity activity, UUID account, Instant now) {
		return activity.capacity() == null
				|| participantsOtherThan(activity.id().value(), account, now) < activity.capacity();
	}

	/**
	 * Writes the sign-up, then reads the activity again: writing it waited for a
	 * cancellation holding the activity, so that every sign-up is either refused or there
	 * when the volunteers are told.
	 */
	private void hold(CheckInActivity activity, UUID account, Instant now) {
		this.jdbc.sql("""
				INSERT INTO activity_sign_ups (activity_id, account_id, signed_up_at) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING""").params(activity.id().value(), account, Timestamp.from(now)).update();
		this.activities.find(activity.id()).ifPresent(CheckIns::requireNotCancelled);
	}

	/**
	 * The account's place on the waitlist of each of these activities it waits for, 1
	 * first.
	 */
	Map<UUID, Integer> waitlistPositions(UUID account, Collection<UUID> activities) {
		Map<UUID, Integer> positions = new HashMap<>();
		this.jdbc.sql("""
				SELECT w.activity_id, (SELECT count(*) FROM activity_waitlist x WHERE x.activity_id = w.activity_id
				  AND x.seq <= w.seq) AS position
				FROM activity_waitlist w WHERE w.account_id = ? AND w.activity_id = ANY (?)""")
			.params(account, activities.toArray(UUID[]::new))
			.query((rs) -> {
				positions.put(rs.getObject("activity_id", UUID.class), rs.getInt("position"));
			});
		return positions;
	}

	/** Who waits for a place of the activity (候补名单), first first. */
	List<SignUp> waitlist(UUID activity) {
		return this.jdbc.sql("SELECT account_id, joined_at FROM activity_waitlist WHERE activity_id = ? ORDER BY seq")
			.param(activity)
			.query((rs, n) -> new SignUp(rs.getObject("account_id", UUID.class),
					rs.getTimestamp("joined_at").toInstant()))
			.list();
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

	/** How many signed up for each of these activities (none: left out). */
	Map<UUID, Long> rosterSizes(Collection<UUID> activities) {
		Map<UUID, Long> sizes = new HashMap<>();
		this.jdbc
			.sql("SELECT activity_id, count(*) FROM activity_sign_ups WHERE activity_id = ANY (?) GROUP BY activity_id")
			.param(activities.toArray(UUID[]::new))
			.query((rs, n) -> sizes.put(rs.getObject(1, UUID.class), rs.getLong(2)))
			.list();
		return sizes;
	}

	record SignUp(UUID accountId, Instant signedUpAt) {
	}

	/** Every activity the account has signed up for or waits for (候补). */
	Joined activitiesOf(UUID account) {
		return activitiesOf(List.of(account)).getOrDefault(account, new Joined(Set.of(), Set.of()));
	}

	/** {@link #activitiesOf(UUID)} for many volunteers at once (absent: none). */
	Map<UUID, Joined> activitiesOf(Collection<UUID> accounts) {
		Map<UUID, Joined> joined = new HashMap<>();
		if (accounts.isEmpty()) {
			return joined;
		}
		UUID[] ids = accounts.toArray(UUID[]::new);
		this.jdbc.sql("""
				SELECT account_id, activity_id, TRUE FROM activity_sign_ups WHERE account_id = ANY (?)
				UNION ALL SELECT account_id, activity_id, FALSE FROM activity_waitlist WHERE account_id = ANY (?)""")
			.params(ids, ids)
			.query((rs, n) -> {
				Joined of = joined.computeIfAbsent(rs.getObject(1, UUID.class),
						(a) -> new Joined(new HashSet<>(), new HashSet<>()));
				return (rs.getBoolean(3) ? of.signedUp() : of.waiting()).add(rs.getObject(2, UUID.class));
			})
			.list();
		return joined;
	}

	/**
	 * 时间冲突 of those signed up for {@code activity} (RULES §5): by volunteer (absent:
	 * none), the other activities whose time they hold ({@link Joined#holdsTime}) and
	 * that overlap this one's, earliest first. What the roster tells the admins, of a 代报名
	 * too.
	 */
	Map<UUID, List<CheckInActivity>> clashes(CheckInActivity activity, Collection<UUID> accounts, Instant now) {
		Map<UUID, Joined> joined = activitiesOf(accounts);
		Map<UUID, CheckInActivity> others = new HashMap<>();
		this.activities
			.findAll(joined.values()
				.stream()
				.flatMap((j) -> j.all().stream())
				.filter((id) -> !id.equals(activity.id().value()))
				.distinct()
				.map(ActivityId::new)
				.toList())
			.forEach((d) -> others.put(d.checkIn().id().value(), d.checkIn()));
		Map<UUID, List<CheckInActivity>> clashes = new HashMap<>();
		joined.forEach((account, of) -> {
			List<CheckInActivity> overlapping = of.all()
				.stream()
				.map(others::get)
				.filter((other) -> other != null && of.holdsTime(other, now) && overlap(activity, other))
				.sorted(Comparator.comparing(CheckInActivity::startAt))
				.toList();
			if (!overlapping.isEmpty()) {
				clashes.put(account, overlapping);
			}
		});
		return clashes;
	}

	/** Whether two activities' times overlap (时间冲突). */
	static boolean overlap(CheckInActivity one, CheckInActivity other) {
		return other.startAt().isBefore(one.endAt()) && other.endAt().isAfter(one.startAt());
	}

	/** The activities signed up for, and those waited for (候补). */
	record Joined(Set<UUID> signedUp, Set<UUID> waiting) {

		Set<UUID> all() {
			Set<UUID> all = new HashSet<>(this.signedUp);
			all.addAll(this.waiting);
			return all;
		}

		/**
		 * Whether the activity holds the volunteer's time: signed up for, or waited for
		 * until its start.
		 */
		boolean holds(CheckInActivity activity, Instant now) {
			UUID id = activity.id().value();
			return this.signedUp.contains(id) || (this.waiting.contains(id) && now.isBefore(activity.startAt()));
		}

		/**
		 * Whether the activity holds the volunteer's time, as another activity's time may
		 * overlap (时间冲突): held, not ended nor cancelled.
		 */
		boolean holdsTime(CheckInActivity activity, Instant now) {
			return activity.endAt().isAfter(now) && !activity.cancelled() && holds(activity, now);
		}

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

	/**
	 * Before the start, the places a walk-in comes after: those held by others and those
	 * awaited by the volunteers ahead of them on the waitlist (候补).
	 */
	long heldAndAwaitedBeforeWalkIn(UUID activity, UUID walkIn, Instant now) {
		long ahead = this.jdbc.sql("""
				SELECT count(*) FROM activity_waitlist w WHERE w.activity_id = ? AND w.account_id <> ?
				  AND w.seq < coalesce((SELECT seq FROM activity_waitlist WHERE activity_id = ? AND account_id = ?),
				    9223372036854775807)""").params(activity, walkIn, activity, walkIn).query(Long.class).single();
		return participantsOtherThan(activity, walkIn, now) + ahead;
	}

	/** A walk-in who waited for a place (候补) took one by checking in. */
	void walkedIn(UUID activity, UUID account) {
		unwait(activity, account);
	}

	/**
	 * 报名未到 (RULES §10): by volunteer (absent: none), the sign-ups they kept, of
	 * activities not cancelled that ended in the past year, without a check-in of theirs
	 * by any route; of one organization's activities, or of all with {@code null}.
	 */
	Map<UUID, Integer> noShows(@Nullable UUID organization, Collection<UUID> accounts, Instant now) {
		Map<UUID, Integer> counts = new HashMap<>();
		if (accounts.isEmpty()) {
			return counts;
		}
		this.jdbc
			.sql("SELECT u.account_id, count(*) FROM activity_sign_ups u JOIN activities a ON a.id = u.activity_id "
					+ "WHERE u.account_id = ANY (?) AND (CAST(? AS uuid) IS NULL OR a.organization_id = ?) AND "
					+ NO_SHOW + " GROUP BY u.account_id")
			.params(accounts.toArray(UUID[]::new), organization, organization, Timestamp.from(now),
					Timestamp.from(now.minus(NO_SHOWS_OVER)))
			.query((rs, n) -> counts.put(rs.getObject(1, UUID.class), rs.getInt(2)))
			.list();
		return counts;
	}

	/**
	 * 报名未到 of one volunteer (RULES §10), as {@link #noShows} counts them over all
	 * organizations: the activities, the latest first.
	 */
	List<NoShow> noShowsOf(UUID account, Instant now) {
		return this.jdbc
			.sql("SELECT a.id, a.title, a.start_at, a.end_at FROM activity_sign_ups u "
					+ "JOIN activities a ON a.id = u.activity_id WHERE u.account_id = ? AND " + NO_SHOW
					+ " ORDER BY a.end_at DESC")
			.params(account, Timestamp.from(now), Timestamp.from(now.minus(NO_SHOWS_OVER)))
			.query((rs, n) -> new NoShow(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	/** An activity signed up for and not come to (报名未到). */
	record NoShow(UUID activityId, String title, Instant startAt, Instant endAt) {
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
