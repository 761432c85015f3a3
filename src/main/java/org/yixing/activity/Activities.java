package org.yixing.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.Constraints;
import org.yixing.shared.geo.CoordinateSystem;
import tools.jackson.databind.json.JsonMapper;

/** The activities table and the sign-in code reservations. */
@Repository
class Activities {

	private static final String COLUMNS = """
			a.id, a.organization_id, a.title, a.description, a.place, a.lead_name, a.start_at, a.end_at, a.geofence::text AS geofence,
			a.members_only, a.capacity, a.check_in_opens_minutes_before, a.check_out_grace_minutes,
			a.requires_insurance, a.check_in_code, a.check_in_mode, a.reminder_minutes, a.created_at, a.cancelled_at,
			a.cancellation_reason, a.sign_up_closes_minutes_before""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final CheckInCodeCache codeCache;

	Activities(JdbcClient jdbc, JsonMapper json, CheckInCodeCache codeCache) {
		this.jdbc = jdbc;
		this.json = json;
		this.codeCache = codeCache;
	}

	void insert(Activity activity, @Nullable UUID createdBy) {
		this.codeCache.forgetAll();
		this.jdbc
			.sql("""
					INSERT INTO activities (id, organization_id, title, description, place, lead_name, start_at, end_at, geofence, members_only,
					  capacity, check_in_opens_minutes_before, check_out_grace_minutes, requires_insurance, check_in_code,
					  check_in_mode, reminder_minutes, sign_up_closes_minutes_before, created_by, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(activity.id().value(), activity.organizationId().value(), activity.title(), activity.description(),
					activity.place(), activity.leadName(), Timestamp.from(activity.startAt()),
					Timestamp.from(activity.endAt()), fence(activity), activity.membersOnly(), activity.capacity(),
					activity.checkInOpensMinutesBefore(), activity.checkOutGraceMinutes(), activity.requiresInsurance(),
					activity.checkInCode(), activity.checkInMode().name(), activity.reminderMinutes(),
					activity.signUpClosesMinutesBefore(), createdBy, Timestamp.from(activity.createdAt()),
					Timestamp.from(activity.createdAt()))
			.update();
	}

	void update(Activity activity, Instant now) {
		this.codeCache.forgetAll();
		this.jdbc
			.sql("""
					UPDATE activities SET title = ?, description = ?, place = ?, lead_name = ?, start_at = ?, end_at = ?, geofence = CAST(? AS jsonb),
					  members_only = ?, capacity = ?, check_in_opens_minutes_before = ?, check_out_grace_minutes = ?,
					  requires_insurance = ?, check_in_code = ?, check_in_mode = ?, reminder_minutes = ?,
					  sign_up_closes_minutes_before = ?, updated_at = ?
					WHERE id = ?""")
			.params(activity.title(), activity.description(), activity.place(), activity.leadName(),
					Timestamp.from(activity.startAt()), Timestamp.from(activity.endAt()), fence(activity),
					activity.membersOnly(), activity.capacity(), activity.checkInOpensMinutesBefore(),
					activity.checkOutGraceMinutes(), activity.requiresInsurance(), activity.checkInCode(),
					activity.checkInMode().name(), activity.reminderMinutes(), activity.signUpClosesMinutesBefore(),
					Timestamp.from(now), activity.id().value())
			.update();
	}

	/**
	 * Marks the activity cancelled (取消活动); false when a session of it exists. The key
	 * sessions refer to changes with it, so PostgreSQL refuses this while a session
	 * exists, and refuses a session once this has committed (V29).
	 */
	boolean cancel(ActivityId id, Instant at, UUID by, String reason) {
		this.codeCache.forgetAll();
		try {
			this.jdbc.sql("""
					UPDATE activities SET cancelled_at = ?, cancelled_by = ?, cancellation_reason = ?,
					  accepts_sessions = FALSE, updated_at = ?
					WHERE id = ?""").params(Timestamp.from(at), by, reason, Timestamp.from(at), id.value()).update();
			return true;
		}
		catch (DataIntegrityViolationException ex) {
			if (Constraints.violated(ex, ActivityDirectory.SESSIONS_FOREIGN_KEY)) {
				return false;
			}
			throw ex;
		}
	}

	Optional<Activity> find(ActivityId id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM activities a WHERE a.id = ?")
			.param(id.value())
			.query(this::map)
			.optional();
	}

	/**
	 * The organization's activities of this title starting at one of these times, not
	 * cancelled: copies made already.
	 */
	List<Activity> sameAt(OrganizationId organization, String title, Collection<Instant> starts) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM activities a WHERE a.organization_id = ? AND a.title = ?"
					+ " AND a.start_at = ANY (?) AND a.cancelled_at IS NULL")
			.params(organization.value(), title, starts.stream().map(Timestamp::from).toArray(Timestamp[]::new))
			.query(this::map)
			.list();
	}

	Optional<Activity> lock(ActivityId id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM activities a WHERE a.id = ? FOR UPDATE")
			.param(id.value())
			.query(this::map)
			.optional();
	}

	/**
	 * The activity, its row locked against other writers but not against check-ins, whose
	 * sessions' foreign key takes a key-share lock on it ({@code FOR NO KEY UPDATE}).
	 */
	Optional<Activity> lockBesideCheckIns(ActivityId id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM activities a WHERE a.id = ? FOR NO KEY UPDATE")
			.param(id.value())
			.query(this::map)
			.optional();
	}

	/** {@link #findByCode}, as read at most a moment ago ({@link CheckInCodeCache}). */
	Optional<Activity> findByCodeRecent(String code) {
		return this.codeCache.get(code, this::findByCode);
	}

	/** The activity currently holding {@code code} (it may have ended since). */
	Optional<Activity> findByCode(String code) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM check_in_codes c JOIN activities a ON a.id = c.activity_id WHERE c.code = ?")
			.param(code)
			.query(this::map)
			.optional();
	}

	List<Activity> ofOrganization(OrganizationId organization) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM activities a WHERE a.organization_id = ? ORDER BY a.start_at DESC LIMIT 500")
			.param(organization.value())
			.query(this::map)
			.list();
	}

	/** Activities of these organizations that have not ended, soonest first. */
	List<Activity> between(Collection<UUID> organizations, Instant from, Instant to, int limit) {
		if (organizations.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM activities a WHERE a.organization_id = ANY (?) AND a.start_at < ?"
					+ " AND a.end_at > ? ORDER BY a.start_at LIMIT ?")
			.params(organizations.toArray(UUID[]::new), Timestamp.from(to), Timestamp.from(from), limit)
			.query(this::map)
			.list();
	}

	List<Activity> notEndedOf(Collection<UUID> organizations, Instant now, int limit) {
		if (organizations.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM activities a WHERE a.organization_id = ANY (?) AND a.end_at > ?"
					+ " ORDER BY a.start_at LIMIT ?")
			.params(organizations.toArray(UUID[]::new), Timestamp.from(now), limit)
			.query(this::map)
			.list();
	}

	/**
	 * Deadline minus lead ≤ now < deadline. Grace and lead are at most 1440 minutes, so
	 * the end lies within a day of now either way, which the end index narrows to.
	 */
	List<Activity> checkOutReminderDue(Instant now) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM activities a
				WHERE a.end_at > CAST(:now AS timestamptz) - interval '1440 minutes'
				  AND a.end_at <= CAST(:now AS timestamptz) + interval '1440 minutes'
				  AND a.reminder_minutes > 0
				  AND a.cancelled_at IS NULL
				  AND a.end_at + make_interval(mins => a.check_out_grace_minutes) > :now
				  AND a.end_at + make_interval(mins => a.check_out_grace_minutes - a.reminder_minutes) <= :now""")
			.param("now", Timestamp.from(now))
			.query(this::map)
			.list();
	}

	long countRunningBetween(Instant from, Instant to) {
		return this.jdbc
			.sql("SELECT count(*) FROM activities WHERE start_at < ? AND end_at > ? AND cancelled_at IS NULL")
			.params(Timestamp.from(to), Timestamp.from(from))
			.query(Long.class)
			.single();
	}

	List<Activity> startingBetween(Instant from, Instant to) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM activities a WHERE a.start_at > ? AND a.start_at <= ? AND a.cancelled_at IS NULL")
			.params(Timestamp.from(from), Timestamp.from(to))
			.query(this::map)
			.list();
	}

	List<Activity> findAll(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM activities a WHERE a.id = ANY (?)")
			.param(ids.toArray(UUID[]::new))
			.query(this::map)
			.list();
	}

	/**
	 * Reserves {@code code} for the activity until it ends, taking it over from an
	 * activity that has ended; false when an activity that has not ended holds it.
	 */
	boolean reserveCode(ActivityId activity, String code, Instant until, Instant now) {
		this.codeCache.forgetAll();
		this.jdbc.sql("DELETE FROM check_in_codes WHERE activity_id = ? AND code <> ?")
			.params(activity.value(), code)
			.update();
		return this.jdbc
			.sql("""
					INSERT INTO check_in_codes (code, activity_id, reserved_until) VALUES (?, ?, ?)
					ON CONFLICT (code) DO UPDATE SET activity_id = excluded.activity_id, reserved_until = excluded.reserved_until
					WHERE check_in_codes.reserved_until < ? OR check_in_codes.activity_id = excluded.activity_id""")
			.params(code, activity.value(), Timestamp.from(until), Timestamp.from(now))
			.update() == 1;
	}

	private String fence(Activity activity) {
		return this.json.writeValueAsString(GeofenceJson.of(activity.geofence()));
	}

	private Activity map(ResultSet rs, int row) throws SQLException {
		Integer capacity = rs.getObject("capacity", Integer.class);
		return new Activity(new ActivityId(rs.getObject("id", UUID.class)),
				new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("title"),
				rs.getString("description"), rs.getString("place"), rs.getString("lead_name"),
				rs.getTimestamp("start_at").toInstant(), rs.getTimestamp("end_at").toInstant(),
				this.json.readValue(rs.getString("geofence"), GeofenceJson.class).toGeofence(CoordinateSystem.WGS84),
				rs.getBoolean("members_only"), capacity, rs.getInt("check_in_opens_minutes_before"),
				rs.getInt("check_out_grace_minutes"), rs.getBoolean("requires_insurance"),
				rs.getString("check_in_code"), CheckInMode.valueOf(rs.getString("check_in_mode")),
				rs.getInt("reminder_minutes"), rs.getObject("sign_up_closes_minutes_before", Integer.class),
				rs.getTimestamp("created_at").toInstant(), cancellation(rs));
	}

	private static Activity.@Nullable Cancellation cancellation(ResultSet rs) throws SQLException {
		Timestamp at = rs.getTimestamp("cancelled_at");
		String reason = rs.getString("cancellation_reason");
		return (at != null && reason != null) ? new Activity.Cancellation(at.toInstant(), reason) : null;
	}

}
