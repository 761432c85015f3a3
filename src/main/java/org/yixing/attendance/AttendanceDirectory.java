package org.yixing.attendance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.ActivityPhase;
import org.yixing.activity.CheckInActivity;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.ApplicationClock;

/** What other modules may know about sessions. */
@Service
public class AttendanceDirectory {

	/**
	 * A waitlist (候补, RULES §5) ends at its activity's start; it is kept this long after
	 * it, so that those still waiting can be told that no place came.
	 */
	public static final Duration WAITLIST_KEPT_AFTER_START = Duration.ofHours(2);

	private final Sessions sessions;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ActivityDirectory activities;

	private final SignUps signUps;

	private final SessionLists lists;

	private final VolunteerActivities volunteerActivities;

	AttendanceDirectory(Sessions sessions, SignUps signUps, ActivityDirectory activities, JdbcClient jdbc, Clock clock,
			SessionLists lists, VolunteerActivities volunteerActivities) {
		this.volunteerActivities = volunteerActivities;
		this.lists = lists;
		this.signUps = signUps;
		this.sessions = sessions;
		this.activities = activities;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The session with its status as of now (an expired open session reads VOID). */
	public Optional<SessionSummary> find(UUID sessionId) {
		return this.sessions.find(sessionId).map(this::summary);
	}

	/** The volunteer's sessions of an activity, statuses as of now. */
	public List<SessionSummary> ofVolunteerForActivity(UUID account, UUID activity) {
		return this.lists.ofAccountFor(account, activity, Instant.EPOCH, Instant.EPOCH)
			.stream()
			.map(this::summary)
			.toList();
	}

	/**
	 * The volunteer's sessions checked in on a day (Asia/Shanghai), statuses as of now.
	 */
	public List<SessionSummary> ofVolunteerOn(UUID account, LocalDate day) {
		return this.lists
			.ofAccountFor(account, null, day.atStartOfDay(ApplicationClock.ZONE).toInstant(),
					day.plusDays(1).atStartOfDay(ApplicationClock.ZONE).toInstant())
			.stream()
			.map(this::summary)
			.toList();
	}

	/**
	 * Sessions of these activities still open at {@code now} that end at their check-out
	 * deadline (not at midnight), for the 签退提醒 (RULES §13). Read without locks: check-in
	 * and check-out never wait for it.
	 */
	public List<OpenSession> openUntilTheirDeadline(Collection<UUID> activities, Instant now) {
		return this.jdbc.sql("""
				SELECT id, account_id, activity_id, expires_at FROM attendance_sessions
				WHERE activity_id = ANY (?) AND status = 'OPEN' AND expires_at > ? AND expiry_reason = 'DEADLINE'""")
			.params(activities.toArray(UUID[]::new), Timestamp.from(now))
			.query(AttendanceDirectory::openSession)
			.list();
	}

	/**
	 * Sessions still open at {@code now} that midnight will close (RULES §6) before their
	 * activity's deadline, for the reminder at 23:40 (RULES §13).
	 */
	public List<OpenSession> openUntilMidnight(Instant midnight, Instant now) {
		return this.jdbc.sql("""
				SELECT id, account_id, activity_id, expires_at FROM attendance_sessions
				WHERE status = 'OPEN' AND expires_at IS NOT NULL AND expires_at > ? AND expires_at <= ?
				  AND expiry_reason = 'MIDNIGHT'""")
			.params(Timestamp.from(now), Timestamp.from(midnight))
			.query(AttendanceDirectory::openSession)
			.list();
	}

	/**
	 * The volunteer's session running now, if any, for the 计时中 card of 首页: the activity's
	 * title, when it began, and when it must be checked out.
	 */
	public Optional<Running> runningOf(UUID account) {
		Instant now = this.clock.instant();
		return this.sessions.findOpenOf(account)
			.filter((s) -> s.openAt(now))
			.map((s) -> new Running(s.id(), s.activityId(),
					this.activities.find(new ActivityId(s.activityId())).map(CheckInActivity::title).orElse(""),
					s.checkedInAt(), s.expiresAt(), "MANUAL".equals(s.method())));
	}

	/**
	 * @param expiresAt the check-out deadline, or the midnight that closes the session
	 * first
	 * @param manual opened by an admin, who also checks it out
	 */
	public record Running(UUID id, UUID activityId, String activityTitle, Instant checkedInAt, Instant expiresAt,
			boolean manual) {
	}

	/**
	 * 我报名的活动 on 首页: the activities not ended that the volunteer signed up for, or waits
	 * for until their start, soonest first, at most {@code limit}, each with what its
	 * activity page warns of (时间冲突, 未领保险), as the activities' list says it.
	 */
	public List<Joined> joinedOf(AuthenticatedAccount volunteer, int limit) {
		return this.volunteerActivities.joined(volunteer)
			.stream()
			.limit(limit)
			.map((v) -> new Joined(v.activity().id().value(), v.activity().title(), v.details().record().place(),
					v.activity().startAt(), v.activity().endAt(), v.status(), v.signedUp(), v.waitlistPosition(),
					!v.overlapping().isEmpty(), v.insured()))
			.toList();
	}

	/**
	 * @param status UPCOMING, IN_PROGRESS or CANCELLED (a cancelled one stays until its
	 * end)
	 * @param waitlistPosition the place on the waitlist, 1 first; {@code null} when
	 * signed up
	 * @param clash another activity the volunteer holds overlaps it (时间冲突)
	 * @param insured for one that requires insurance: whether a policy covers its day;
	 * {@code null} otherwise
	 */
	public record Joined(UUID activityId, String title, String place, Instant startAt, Instant endAt,
			ActivityPhase status, boolean signedUp, @Nullable Integer waitlistPosition, boolean clash,
			@Nullable Boolean insured) {
	}

	/** How many check-ins (sessions) began between the two instants. */
	public long checkInsBetween(Instant from, Instant to) {
		return this.jdbc.sql("SELECT count(*) FROM attendance_sessions WHERE checked_in_at >= ? AND checked_in_at < ?")
			.params(Timestamp.from(from), Timestamp.from(to))
			.query(Long.class)
			.single();
	}

	/** Is the session open at {@code now} (not checked out, expired or voided)? */
	public boolean isOpen(UUID sessionId) {
		return find(sessionId).map((s) -> s.status() == SessionStatus.OPEN).orElse(false);
	}

	/** Who signed up for these activities, and when. */
	public List<SignUp> signUpsFor(Collection<UUID> activities) {
		return this.jdbc.sql("""
				SELECT activity_id, account_id, signed_up_at FROM activity_sign_ups WHERE activity_id = ANY (?)""")
			.param(activities.toArray(UUID[]::new))
			.query((rs, n) -> new SignUp(rs.getObject("activity_id", UUID.class),
					rs.getObject("account_id", UUID.class), rs.getTimestamp("signed_up_at").toInstant()))
			.list();
	}

	/**
	 * The activity's volunteers: those signed up (not cancelled), those waiting for a
	 * place (候补) and those who checked in, whatever became of their sessions. The one
	 * parameter, three times, is the activity.
	 */
	private static final String VOLUNTEERS = """
			SELECT account_id FROM activity_sign_ups WHERE activity_id = ?
			UNION SELECT account_id FROM activity_waitlist WHERE activity_id = ?
			UNION SELECT account_id FROM attendance_sessions WHERE activity_id = ?""";

	/** The activity's volunteers ({@link #VOLUNTEERS}). */
	public List<UUID> volunteersOf(UUID activity) {
		return this.jdbc.sql(VOLUNTEERS).params(activity, activity, activity).query(UUID.class).list();
	}

	/** Is the account one of the activity's volunteers ({@link #VOLUNTEERS})? */
	public boolean isVolunteerOf(UUID activity, UUID account) {
		return this.jdbc.sql("SELECT ? IN (" + VOLUNTEERS + ")")
			.params(account, activity, activity, activity)
			.query(Boolean.class)
			.single();
	}

	/** Who waits for a place of these activities (候补), and since when. */
	public List<SignUp> waitingFor(Collection<UUID> activities) {
		return this.jdbc
			.sql("SELECT activity_id, account_id, joined_at FROM activity_waitlist WHERE activity_id = ANY (?)")
			.param(activities.toArray(UUID[]::new))
			.query((rs, n) -> new SignUp(rs.getObject("activity_id", UUID.class),
					rs.getObject("account_id", UUID.class), rs.getTimestamp("joined_at").toInstant()))
			.list();
	}

	/** Is the volunteer still signed up for the activity (not cancelled)? */
	public boolean isSignedUp(UUID activity, UUID account) {
		return this.signUps.isSignedUp(activity, account);
	}

	private static OpenSession openSession(ResultSet rs, int row) throws SQLException {
		return new OpenSession(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getObject("activity_id", UUID.class), rs.getTimestamp("expires_at").toInstant());
	}

	/**
	 * @param expiresAt the check-out deadline, or the midnight that closes it
	 */
	public record OpenSession(UUID id, UUID accountId, UUID activityId, Instant expiresAt) {
	}

	public record SignUp(UUID activityId, UUID accountId, Instant signedUpAt) {
	}

	private SessionSummary summary(Session session) {
		return new SessionSummary(session.id(), session.accountId(), session.activityId(), session.organizationId(),
				session.statusAt(this.clock.instant()), session.creditMinutes());
	}

	/**
	 * @param status OPEN, COMPLETED or VOID (a session is void only when its volunteer
	 * did not check out in time, RULES §6)
	 * @param creditMinutes the minutes credited when COMPLETED
	 */
	public record SessionSummary(UUID id, UUID accountId, UUID activityId, UUID organizationId, SessionStatus status,
			int creditMinutes) {

		public boolean credited() {
			return this.status == SessionStatus.COMPLETED && this.creditMinutes > 0;
		}

	}

}
