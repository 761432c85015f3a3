package org.yixing.attendance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sessions an admin opens or closes: by hand, with a reason (the non-face route), or by
 * scanning the volunteer's personal code (RULES §12), judged at the scan's time.
 */
@Repository
class AdminSessions {

	private static final String COLUMNS = Sessions.COLUMNS;

	private final JdbcClient jdbc;

	AdminSessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A session an admin opened by hand: no position, the admin and the reason. */
	void openManually(Session session, UUID admin, String reason) {
		Sessions.opening(() -> this.jdbc
			.sql("""
					INSERT INTO attendance_sessions (id, activity_id, organization_id, account_id, device_id, method, status,
					  agreement_version, checked_in_at, expires_at, expiry_reason, check_in_by, check_in_reason)
					VALUES (?, ?, ?, ?, ?, 'MANUAL', 'OPEN', '', ?, ?, ?, ?, ?)""")
			.params(session.id(), session.activityId(), session.organizationId(), session.accountId(),
					session.deviceId(), Timestamp.from(session.checkedInAt()), Timestamp.from(session.expiresAt()),
					session.expiryReason().name(), admin, reason)
			.update());
	}

	/** The caller holds the session's row lock and has seen it open. */
	void completeManually(UUID id, Instant at, int creditMinutes, UUID admin, String reason) {
		this.jdbc.sql("""
				UPDATE attendance_sessions SET status = 'COMPLETED', checked_out_at = ?, credit_minutes = ?,
				  check_out_by = ?, check_out_reason = ?, check_out_method = 'MANUAL'
				WHERE id = ?""").params(Timestamp.from(at), creditMinutes, admin, reason, id).update();
	}

	/**
	 * A session an admin's scan opened (RULES §12) at its judged time: no position, the
	 * admin. Stored VOID at once when its expiry has already passed by upload time (it
	 * may still be checked out by a later-uploaded scan made while it was open).
	 */
	void openScanned(Session session, UUID admin, Instant now) {
		boolean expired = !session.expiresAt().isAfter(now);
		Sessions.opening(() -> this.jdbc
			.sql("""
					INSERT INTO attendance_sessions (id, activity_id, organization_id, account_id, device_id, method, status,
					  agreement_version, checked_in_at, expires_at, expiry_reason, check_in_by, voided_at)
					VALUES (?, ?, ?, ?, ?, 'SCAN', ?, '', ?, ?, ?, ?, ?)""")
			.params(session.id(), session.activityId(), session.organizationId(), session.accountId(),
					session.deviceId(), (expired ? SessionStatus.VOID : SessionStatus.OPEN).name(),
					Timestamp.from(session.checkedInAt()), Timestamp.from(session.expiresAt()),
					session.expiryReason().name(), admin, expired ? Timestamp.from(session.expiresAt()) : null)
			.update());
	}

	/**
	 * The volunteer's session of the activity that was open at {@code at}, row-locked: an
	 * OPEN one, or a SCAN one that expired unseen before a later-uploaded scan closes it.
	 * A session an admin voided never comes back.
	 */
	Optional<Session> lockOpenAt(UUID account, UUID activity, Instant at) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM attendance_sessions
				WHERE account_id = ? AND activity_id = ? AND checked_in_at <= ? AND expires_at > ?
				  AND checked_out_at IS NULL AND voided_by IS NULL
				  AND (status = 'OPEN' OR (status = 'VOID' AND method = 'SCAN'))
				ORDER BY checked_in_at DESC LIMIT 1 FOR UPDATE""")
			.params(account, activity, Timestamp.from(at), Timestamp.from(at))
			.query(Sessions::map)
			.optional()
			.map(Session::reopened);
	}

	/**
	 * Whether the volunteer had any session open at {@code at} (RULES §6 check 5, then).
	 */
	boolean accountHadOpenAt(UUID account, Instant at) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM attendance_sessions
				WHERE account_id = ? AND checked_in_at <= ?
				  AND CASE WHEN status = 'COMPLETED' THEN checked_out_at > ?
				           WHEN voided_by IS NOT NULL THEN voided_at > ?
				           ELSE expires_at > ? END)""")
			.params(account, Timestamp.from(at), Timestamp.from(at), Timestamp.from(at), Timestamp.from(at))
			.query(Boolean.class)
			.single();
	}

	/** The caller holds the session's row lock and has seen it open at {@code at}. */
	void completeScanned(UUID id, Instant at, int creditMinutes, UUID admin) {
		this.jdbc.sql("""
				UPDATE attendance_sessions SET status = 'COMPLETED', checked_out_at = ?, credit_minutes = ?,
				  check_out_by = ?, check_out_method = 'SCAN', voided_at = NULL
				WHERE id = ?""").params(Timestamp.from(at), creditMinutes, admin, id).update();
	}

}
