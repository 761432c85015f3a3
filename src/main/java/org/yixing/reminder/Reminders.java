package org.yixing.reminder;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The record of every reminder: claimed once per (subject, volunteer, kind) by the unique
 * key, then its text message's state.
 */
@Repository
class Reminders {

	private final JdbcClient jdbc;

	Reminders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records those of the candidates not recorded before and returns them: the ones this
	 * caller must send. Text messages are pending for volunteers who allow them.
	 */
	List<Due> claim(List<Due> candidates, Instant now) {
		return claim(candidates, now, true);
	}

	/**
	 * As {@link #claim(List, Instant)}; without {@code texted} no text is ever sent for
	 * them (OFF), whatever the volunteers allow.
	 */
	List<Due> claim(List<Due> candidates, Instant now, boolean texted) {
		if (candidates.isEmpty()) {
			return List.of();
		}
		int n = candidates.size();
		UUID[] subjects = new UUID[n];
		UUID[] accounts = new UUID[n];
		String[] kinds = new String[n];
		UUID[] activities = new UUID[n];
		String[] moments = new String[n];
		for (int i = 0; i < n; i++) {
			Due due = candidates.get(i);
			subjects[i] = due.subjectId();
			accounts[i] = due.accountId();
			kinds[i] = due.kind().name();
			activities[i] = due.activityId();
			moments[i] = due.momentAt().toString();
		}
		return this.jdbc.sql("""
				INSERT INTO reminders (subject_id, account_id, kind, activity_id, moment_at, recorded_at, sms_status,
				  sms_next_at)
				SELECT c.subject_id, c.account_id, c.kind, c.activity_id, c.moment_at, :now,
				  CASE WHEN :texted AND coalesce(p.sms_reminders, true) THEN 'PENDING' ELSE 'OFF' END,
				  CASE WHEN :texted AND coalesce(p.sms_reminders, true) THEN CAST(:now AS timestamptz) END
				FROM unnest(:subjects, :accounts, :kinds, :activities, CAST(:moments AS timestamptz[]))
				  AS c (subject_id, account_id, kind, activity_id, moment_at)
				LEFT JOIN reminder_preferences p ON p.account_id = c.account_id
				ORDER BY c.account_id, c.subject_id
				ON CONFLICT (account_id, subject_id, kind) DO NOTHING
				RETURNING subject_id, account_id, kind, activity_id, moment_at""")
			.param("now", Timestamp.from(now))
			.param("texted", texted)
			.param("subjects", subjects)
			.param("accounts", accounts)
			.param("kinds", kinds)
			.param("activities", activities)
			.param("moments", moments)
			.query((rs, row) -> new Due(rs.getObject("subject_id", UUID.class), rs.getObject("account_id", UUID.class),
					ReminderKind.valueOf(rs.getString("kind")), rs.getObject("activity_id", UUID.class),
					rs.getTimestamp("moment_at").toInstant()))
			.list();
	}

	/**
	 * Takes up to {@code limit} texts due at {@code now} for this node: their next
	 * attempt moves {@code lease} ahead, so no other node takes them meanwhile; a node
	 * that dies holding them only delays them by that much.
	 */
	List<Text> lease(Instant now, int limit, Duration lease) {
		return this.jdbc.sql("""
				UPDATE reminders SET sms_next_at = ? WHERE (account_id, subject_id, kind) IN (
				  SELECT account_id, subject_id, kind FROM reminders WHERE sms_status = 'PENDING' AND sms_next_at <= ?
				  ORDER BY sms_next_at LIMIT ? FOR UPDATE SKIP LOCKED)
				RETURNING subject_id, account_id, kind, activity_id, moment_at, sms_attempts""")
			.params(Timestamp.from(now.plus(lease)), Timestamp.from(now), limit)
			.query((rs,
					row) -> new Text(new Due(rs.getObject("subject_id", UUID.class),
							rs.getObject("account_id", UUID.class), ReminderKind.valueOf(rs.getString("kind")),
							rs.getObject("activity_id", UUID.class), rs.getTimestamp("moment_at").toInstant()),
							rs.getInt("sms_attempts")))
			.list();
	}

	/** The text's final state (anything but PENDING). */
	void settle(Due reminder, String status, Instant now, @Nullable String error) {
		this.jdbc.sql("""
				UPDATE reminders SET sms_status = ?, sms_next_at = NULL, sms_at = ?, sms_error = ?,
				  sms_attempts = sms_attempts + CASE WHEN ? IN ('SENT', 'CAPPED', 'FAILED') THEN 1 ELSE 0 END
				WHERE account_id = ? AND subject_id = ? AND kind = ?""")
			.params(status, Timestamp.from(now), error, status, reminder.accountId(), reminder.subjectId(),
					reminder.kind().name())
			.update();
	}

	/** A failed attempt, to be tried again at {@code next}. */
	void retryAt(Due reminder, Instant next, String error) {
		this.jdbc.sql("""
				UPDATE reminders SET sms_attempts = sms_attempts + 1, sms_next_at = ?, sms_error = ?
				WHERE account_id = ? AND subject_id = ? AND kind = ?""")
			.params(Timestamp.from(next), error, reminder.accountId(), reminder.subjectId(), reminder.kind().name())
			.update();
	}

	/**
	 * @param subjectId the session, or the activity signed up for
	 * @param momentAt the deadline, midnight or the start
	 */
	record Due(UUID subjectId, UUID accountId, ReminderKind kind, UUID activityId, Instant momentAt) {
	}

	/** A text to send, with the attempts made so far. */
	record Text(Due reminder, int attempts) {
	}

}
