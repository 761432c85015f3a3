package org.yixing.attendance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yixing.activity.ActivityDirectory;
import org.yixing.shared.Constraints;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.geo.GeoPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions and device bindings: what check-in, check-out and their jobs write and lock.
 */
@Repository
class Sessions {

	static final String COLUMNS = """
			id, activity_id, organization_id, account_id, device_id, method, status, checked_in_at,
			check_in_accuracy_m, expires_at, expiry_reason, checked_out_at, check_out_accuracy_m, credit_minutes""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Sessions(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * What check-in reads before anything else, in one round trip: the volunteer's open
	 * session (locked), the phone's owner, whether this account or address has used up
	 * its unknown sign-in codes ({@link CheckInCodeGuesses}) and, at a known activity,
	 * the risk signals' neighbourhood ({@link #neighbourhood}) and the membership a
	 * members-only activity asks for.
	 */
	OpenSessionAndDevice lockOpenOfAndDeviceOwner(UUID account, String deviceId, CheckInCodeGuesses.Budget budget,
			@Nullable Around around) {
		UUID activity = (around != null) ? around.activity() : null;
		UUID membersOf = (around != null) ? around.membersOf() : null;
		GeoPoint at = (around != null) ? around.position() : new GeoPoint(0, 0);
		Instant now = (around != null) ? around.now() : Instant.EPOCH;
		List<Object> params = new java.util.ArrayList<>(java.util.Arrays.asList(account, deviceId, budget.window(),
				budget.account(), CheckInCodeGuesses.PER_ACCOUNT, budget.address(), CheckInCodeGuesses.PER_ADDRESS));
		params.addAll(java.util.Arrays.asList(membersOf, account, membersOf));
		params.addAll(neighbourhoodParams(activity, account, at, now));
		return this.jdbc.sql(CHECK_IN_READ)
			.params(params)
			.query((rs, row) -> new OpenSessionAndDevice(
					Optional.ofNullable((rs.getObject("id") != null) ? map(rs, row) : null),
					Optional.ofNullable(rs.getObject("device_owner", UUID.class)), rs.getBoolean("over_budget"),
					(around != null) ? neighbourhood(rs, now) : null, (Boolean) rs.getObject("member")))
			.single();
	}

	/**
	 * Where the risk signals look around a located check-in, and the organization whose
	 * members (or members below it) a members-only activity admits (null: anyone).
	 */
	record Around(UUID activity, GeoPoint position, Instant now, @Nullable UUID membersOf) {
	}

	/**
	 * @param member for a members-only activity, whether the volunteer is a member of its
	 * organization or of one below it (the organization module's
	 * {@code is_member_of_or_below}); otherwise null
	 */
	record OpenSessionAndDevice(Optional<Session> open, Optional<UUID> deviceOwner, boolean overBudget,
			@Nullable Neighbourhood neighbourhood, @Nullable Boolean member) {
	}

	Optional<Session> findOpenOf(UUID account) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM attendance_sessions WHERE account_id = ? AND status = 'OPEN'")
			.param(account)
			.query(Sessions::map)
			.optional();
	}

	/** The volunteer's open session, row-locked. */
	Optional<Session> lockOpenOf(UUID account) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM attendance_sessions WHERE account_id = ? AND status = 'OPEN' FOR UPDATE")
			.param(account)
			.query(Sessions::map)
			.optional();
	}

	Optional<Session> lock(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM attendance_sessions WHERE id = ? FOR UPDATE")
			.param(id)
			.query(Sessions::map)
			.optional();
	}

	Optional<Session> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM attendance_sessions WHERE id = ?")
			.param(id)
			.query(Sessions::map)
			.optional();
	}

	void open(Session session, GeoPoint at, String coordinates, String agreementVersion,
			List<RiskSignals.Finding> risks) {
		opening(() -> this.jdbc
			.sql("""
					INSERT INTO attendance_sessions (id, activity_id, organization_id, account_id, device_id, method, status,
					  agreement_version, checked_in_at, check_in_lat, check_in_lng, check_in_accuracy_m, check_in_coordinates,
					  expires_at, expiry_reason, risk_signals, risk_evidence)
					VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))""")
			.params(session.id(), session.activityId(), session.organizationId(), session.accountId(),
					session.deviceId(), session.method(), agreementVersion, Timestamp.from(session.checkedInAt()),
					at.lat(), at.lng(), session.checkInAccuracy(), coordinates, Timestamp.from(session.expiresAt()),
					session.expiryReason().name(), signals(risks), evidence(risks))
			.update());
	}

	/**
	 * Runs a session's insert: {@code ACTIVITY_CANCELLED} when PostgreSQL refused it
	 * because its activity was cancelled after the check-in read it (the sessions'
	 * foreign key settles that race, V29); any other refusal as it is.
	 */
	static void opening(Runnable insert) {
		try {
			insert.run();
		}
		catch (DataIntegrityViolationException ex) {
			if (Constraints.violated(ex, ActivityDirectory.SESSIONS_FOREIGN_KEY)) {
				throw new DomainException(ErrorCode.ACTIVITY_CANCELLED);
			}
			throw ex;
		}
	}

	/**
	 * An admin voids an open session with a reason (RULES §12); the caller holds its
	 * lock.
	 */
	void voidByAdmin(UUID id, Instant now, UUID admin, String reason) {
		this.jdbc.sql("""
				UPDATE attendance_sessions SET status = 'VOID', voided_at = ?, voided_by = ?, void_reason = ?
				WHERE id = ?""").params(Timestamp.from(now), admin, reason, id).update();
	}

	/**
	 * What the risk signals need to know around a located event, in one round trip (by
	 * index): another account at the same coordinates of this activity, and the
	 * volunteer's latest located event before {@code now}.
	 */
	Neighbourhood neighbourhood(UUID activity, UUID account, GeoPoint at, Instant now) {
		return this.jdbc.sql(NEIGHBOURHOOD)
			.params(neighbourhoodParams(activity, account, at, now))
			.query((rs, row) -> neighbourhood(rs, now))
			.single();
	}

	/**
	 * {@link #NEIGHBOURHOOD}'s parameters, in its order (null activity: nobody around).
	 */
	private static List<Object> neighbourhoodParams(@Nullable UUID activity, UUID account, GeoPoint at, Instant now) {
		return java.util.Arrays.asList(activity, account, at.lat(), at.lng(), RiskSignals.SAME_POSITION_DEGREES,
				Timestamp.from(now));
	}

	private static Neighbourhood neighbourhood(java.sql.ResultSet rs, Instant now) throws java.sql.SQLException {
		UUID same = rs.getObject("same_position", UUID.class);
		Timestamp in = rs.getTimestamp("previous_in_at");
		Timestamp out = rs.getTimestamp("previous_out_at");
		Located previous = null;
		if (out != null && rs.getObject("previous_out_lat") != null && !out.toInstant().isAfter(now)) {
			previous = new Located(new GeoPoint(rs.getDouble("previous_out_lat"), rs.getDouble("previous_out_lng")),
					out.toInstant());
		}
		else if (in != null) {
			previous = new Located(new GeoPoint(rs.getDouble("previous_in_lat"), rs.getDouble("previous_in_lng")),
					in.toInstant());
		}
		return new Neighbourhood(same, previous);
	}

	/** The function's call, its parameters in {@link #neighbourhoodParams}'s order. */
	private static final String NEIGHBOURHOOD_CALL = "attendance_neighbourhood(?, ?, ?, ?, ?, ?)";

	/**
	 * {@link #neighbourhood}'s one query: the database function {@code
	 * attendance_neighbourhood} (V36), which keeps one plan by index for the connection
	 * where a statement of its own was planned anew at every call (the benchmark shows
	 * the plan).
	 */
	static final String NEIGHBOURHOOD = "SELECT * FROM " + NEIGHBOURHOOD_CALL;

	/** {@link #lockOpenOfAndDeviceOwner}'s statement, put together once. */
	private static final String CHECK_IN_READ = """
			WITH open AS (SELECT %s FROM attendance_sessions WHERE account_id = ? AND status = 'OPEN' FOR UPDATE)
			SELECT open.*, (SELECT b.account_id FROM device_bindings b WHERE b.device_id = ?) AS device_owner,
			  EXISTS (%s) AS over_budget, around.*,
			 CASE WHEN ?::uuid IS NULL THEN NULL ELSE is_member_of_or_below(?, ?::uuid) END AS member
			FROM (VALUES (1)) AS one LEFT JOIN open ON true
			LEFT JOIN LATERAL %s AS around ON true""".formatted(COLUMNS, CheckInCodeGuesses.OVER_BUDGET,
			NEIGHBOURHOOD_CALL);

	record Neighbourhood(@Nullable UUID samePositionAccount, @Nullable Located previous) {
	}

	record Located(GeoPoint position, Instant at) {
	}

	private static String[] signals(List<RiskSignals.Finding> risks) {
		return risks.stream().map((f) -> f.signal().name()).distinct().toArray(String[]::new);
	}

	private @Nullable String evidence(List<RiskSignals.Finding> risks) {
		return risks.isEmpty() ? null
				: this.json.writeValueAsString(risks.stream().map(RiskSignals.Finding::json).toList());
	}

	/**
	 * The caller holds the session's row lock and has seen it open. (No "AND status =
	 * 'OPEN'" here: it would let the planner pick a partial index of open sessions over
	 * the primary key.)
	 */
	void complete(UUID id, Instant at, GeoPoint where, @Nullable Double accuracy, int creditMinutes,
			List<RiskSignals.Finding> risks) {
		this.jdbc.sql("""
				UPDATE attendance_sessions SET status = 'COMPLETED', checked_out_at = ?, check_out_lat = ?,
				  check_out_lng = ?, check_out_accuracy_m = ?, credit_minutes = ?,
				  risk_signals = ARRAY(SELECT DISTINCT unnest(risk_signals || ?::text[]) ORDER BY 1),
				  risk_evidence = CASE WHEN CAST(? AS jsonb) IS NULL THEN risk_evidence
				    ELSE COALESCE(risk_evidence, '[]'::jsonb) || CAST(? AS jsonb) END
				WHERE id = ?""")
			.params(Timestamp.from(at), where.lat(), where.lng(), accuracy, creditMinutes, signals(risks),
					evidence(risks), evidence(risks), id)
			.update();
	}

	/** The caller holds the open session's row lock (see {@link #complete}). */
	void voidOne(UUID id, Instant now) {
		this.jdbc.sql("UPDATE attendance_sessions SET status = 'VOID', voided_at = ? WHERE id = ?")
			.params(Timestamp.from(now), id)
			.update();
	}

	/** Does the activity have a session open at {@code now}, its rows locked? */
	boolean anyOpenAt(UUID activity, Instant now) {
		return !this.jdbc
			.sql("SELECT id FROM attendance_sessions WHERE activity_id = ? AND status = 'OPEN' AND expires_at > ?"
					+ " FOR UPDATE")
			.params(activity, Timestamp.from(now))
			.query(UUID.class)
			.list()
			.isEmpty();
	}

	/**
	 * Recomputes the expiry of the activity's open sessions for a new check-out deadline.
	 */
	void rescheduleOpen(UUID activity, Instant checkOutDeadline) {
		List<Session> open = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM attendance_sessions WHERE activity_id = ? AND status = 'OPEN' FOR UPDATE")
			.param(activity)
			.query(Sessions::map)
			.list();
		for (Session session : open) {
			SessionExpiry expiry = SessionExpiry.of(session.checkedInAt(), checkOutDeadline);
			this.jdbc.sql("UPDATE attendance_sessions SET expires_at = ?, expiry_reason = ? WHERE id = ?")
				.params(Timestamp.from(expiry.at()), expiry.reason().name(), session.id())
				.update();
		}
	}

	/** Persists VOID for every open session past its expiry; returns how many. */
	int voidExpired(Instant now) {
		return this.jdbc.sql("""
				UPDATE attendance_sessions SET status = 'VOID', voided_at = ?
				WHERE status = 'OPEN' AND expires_at <= ?""").params(Timestamp.from(now), Timestamp.from(now)).update();
	}

	void lockActivity(UUID activity) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))")
			.param(activity.toString())
			.query()
			.singleRow();
	}

	/**
	 * Binds a device that was not bound when last read to the account; returns its owner.
	 * The primary key settles a race between accounts, and the read after the insert, in
	 * a fresh snapshot, sees the winner.
	 */
	UUID bindDevice(String deviceId, UUID account, Instant now) {
		this.jdbc.sql("""
				INSERT INTO device_bindings (device_id, account_id, bound_at) VALUES (?, ?, ?)
				ON CONFLICT (device_id) DO NOTHING""").params(deviceId, account, Timestamp.from(now)).update();
		return ownerOf(deviceId).orElseThrow();
	}

	private Optional<UUID> ownerOf(String deviceId) {
		return this.jdbc.sql("SELECT account_id FROM device_bindings WHERE device_id = ?")
			.param(deviceId)
			.query(UUID.class)
			.optional();
	}

	static Session map(ResultSet rs, int row) throws SQLException {
		Timestamp out = rs.getTimestamp("checked_out_at");
		return new Session(rs.getObject("id", UUID.class), rs.getObject("activity_id", UUID.class),
				rs.getObject("organization_id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("device_id"), rs.getString("method"), SessionStatus.valueOf(rs.getString("status")),
				rs.getTimestamp("checked_in_at").toInstant(), rs.getObject("check_in_accuracy_m", Double.class),
				rs.getTimestamp("expires_at").toInstant(), SessionExpiry.Reason.valueOf(rs.getString("expiry_reason")),
				(out != null) ? out.toInstant() : null, rs.getObject("check_out_accuracy_m", Double.class),
				rs.getInt("credit_minutes"));
	}

}
