package org.yixing.attendance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.geo.GeoPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the lists read about sessions (the volunteer's, an activity's attendance, the
 * console's counts) and the ratings given after check-out.
 */
@Repository
class SessionLists {

	private static final String COLUMNS = Sessions.COLUMNS;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	SessionLists(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	List<Session> ofAccount(UUID account) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM attendance_sessions WHERE account_id = ? ORDER BY checked_in_at DESC LIMIT 500")
			.param(account)
			.query(Sessions::map)
			.list();
	}

	/** The volunteer's sessions of one activity, or checked in within [from, to). */
	List<Session> ofAccountFor(UUID account, @Nullable UUID activity, Instant from, Instant to) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM attendance_sessions WHERE account_id = ?
				  AND (activity_id = ? OR (CAST(? AS uuid) IS NULL AND checked_in_at >= ? AND checked_in_at < ?))
				ORDER BY checked_in_at""")
			.params(account, activity, activity, Timestamp.from(from), Timestamp.from(to))
			.query(Sessions::map)
			.list();
	}

	List<Session> ofActivity(UUID activity) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM attendance_sessions WHERE activity_id = ? ORDER BY checked_in_at")
			.param(activity)
			.query(Sessions::map)
			.list();
	}

	/** Inserts the rating; false when the session was rated before. */
	boolean rate(UUID session, int stars, String comment, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO session_ratings (session_id, stars, comment, rated_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (session_id) DO NOTHING""")
			.params(session, stars, comment, Timestamp.from(now))
			.update() == 1;
	}

	/**
	 * What the attendance list shows beside each session of the activity, by session id,
	 * in one read: where it was checked in (WGS-84), its rating, and the reasons of an
	 * admin's hand check-in or check-out.
	 */
	Map<UUID, Details> detailsOfActivity(UUID activity) {
		Map<UUID, Details> details = new HashMap<>();
		this.jdbc.sql("""
				SELECT s.id, s.check_in_lat, s.check_in_lng, r.stars, s.check_in_reason, s.check_out_method,
				  s.check_out_reason, s.risk_signals, s.risk_evidence::text AS risk_evidence, s.void_reason
				FROM attendance_sessions s LEFT JOIN session_ratings r ON r.session_id = s.id
				WHERE s.activity_id = ?""").param(activity).query((rs) -> {
			double lat = rs.getDouble("check_in_lat");
			GeoPoint position = rs.wasNull() ? null : new GeoPoint(lat, rs.getDouble("check_in_lng"));
			int stars = rs.getInt("stars");
			Integer rating = rs.wasNull() ? null : stars;
			String evidence = rs.getString("risk_evidence");
			details.put(rs.getObject("id", UUID.class),
					new Details(position, rating, rs.getString("check_in_reason"), rs.getString("check_out_method"),
							rs.getString("check_out_reason"),
							List.of((String[]) rs.getArray("risk_signals").getArray()),
							(evidence != null) ? this.json.readValue(evidence, List.class) : List.of(),
							rs.getString("void_reason")));
		});
		return details;
	}

	/**
	 * @param checkInPosition {@code null} for a hand check-in
	 * @param checkInReason why an admin checked the volunteer in by hand
	 * @param checkOutMethod MANUAL or SCAN when an admin checked the volunteer out
	 * @param riskSignals 风险提示 (RULES §12), with their evidence
	 * @param voidReason why an admin voided the session
	 */
	record Details(@Nullable GeoPoint checkInPosition, @Nullable Integer stars, @Nullable String checkInReason,
			@Nullable String checkOutMethod, @Nullable String checkOutReason, List<String> riskSignals,
			List<?> riskEvidence, @Nullable String voidReason) {
	}

	/**
	 * Sessions of each activity of the organization by status as of {@code now}: OPEN,
	 * COMPLETED, VOID.
	 */
	Map<UUID, Map<String, Integer>> countsOfOrganization(UUID organization, Instant now) {
		return counts("organization_id = ?", organization, now);
	}

	/**
	 * The sessions of these activities by status as shown now (an open one past its
	 * expiry reads VOID), by activity.
	 */
	Map<UUID, Map<String, Integer>> countsOfActivities(Collection<UUID> activities, Instant now) {
		return counts("activity_id = ANY (?)", activities.toArray(UUID[]::new), now);
	}

	/**
	 * The sessions matching {@code where} (one parameter) by activity and status shown.
	 */
	private Map<UUID, Map<String, Integer>> counts(String where, Object parameter, Instant now) {
		Map<UUID, Map<String, Integer>> counts = new HashMap<>();
		this.jdbc.sql(
				"SELECT activity_id, CASE WHEN status = 'OPEN' AND expires_at <= ? THEN 'VOID' ELSE status END AS shown, "
						+ "count(*) AS n FROM attendance_sessions WHERE " + where + " GROUP BY 1, 2")
			.params(Timestamp.from(now), parameter)
			.query((rs) -> {
				counts.computeIfAbsent(rs.getObject("activity_id", UUID.class), (k) -> new HashMap<>())
					.put(rs.getString("shown"), rs.getInt("n"));
			});
		return counts;
	}

	/** The ratings of an activity's sessions, newest first (活动评价). */
	List<Ratings.Comment> ratingsOf(UUID activity) {
		return this.jdbc.sql("""
				SELECT r.stars, r.comment, r.rated_at
				FROM session_ratings r JOIN attendance_sessions s ON s.id = r.session_id
				WHERE s.activity_id = ? ORDER BY r.rated_at DESC""")
			.param(activity)
			.query((rs, row) -> new Ratings.Comment(rs.getInt("stars"), rs.getString("comment"),
					ApplicationClock.local(rs.getTimestamp("rated_at").toInstant())))
			.list();
	}

	/**
	 * How each rated activity of the organization was rated: the average to a tenth, and
	 * how many.
	 */
	Map<UUID, Ratings.Average> ratingsOfOrganization(UUID organization) {
		Map<UUID, Ratings.Average> averages = new HashMap<>();
		this.jdbc.sql("""
				SELECT s.activity_id, round(avg(r.stars), 1) AS average, count(*) AS n
				FROM session_ratings r JOIN attendance_sessions s ON s.id = r.session_id
				WHERE s.organization_id = ? GROUP BY s.activity_id""").param(organization).query((rs) -> {
			averages.put(rs.getObject("activity_id", UUID.class),
					new Ratings.Average(rs.getBigDecimal("average"), rs.getInt("n")));
		});
		return averages;
	}

	/** The stars a session was rated with, if it was. */
	Optional<Integer> ratingOf(UUID session) {
		return this.jdbc.sql("SELECT stars FROM session_ratings WHERE session_id = ?")
			.param(session)
			.query(Integer.class)
			.optional();
	}

}
