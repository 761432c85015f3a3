package org.yixing.attendance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityId;
import org.yixing.shared.PersonalData;

/**
 * Check-in sessions with their positions, ratings, sign-ups, waitlists and the bound
 * phone. On erasure the sessions stay (the ledger's hours come from them) without the
 * phone's id and the comments; the device binding, sign-ups and waitlists go, and the
 * places given up go to those waiting for them (候补, RULES §5).
 */
@Component
class AttendancePersonalData implements PersonalData {

	private final JdbcClient jdbc;

	private final SignUps signUps;

	AttendancePersonalData(JdbcClient jdbc, SignUps signUps) {
		this.jdbc = jdbc;
		this.signUps = signUps;
	}

	@Override
	public String section() {
		return "attendance";
	}

	@Override
	public Object export(UUID account) {
		return Map.of("sessions", PersonalData.rows(this.jdbc.sql("""
				SELECT s.id, a.title AS activity, s.method, s.status, s.device_id, s.agreement_version,
				  s.checked_in_at, s.check_in_lat, s.check_in_lng, s.check_in_accuracy_m, s.check_in_coordinates,
				  s.checked_out_at, s.check_out_lat, s.check_out_lng, s.check_out_accuracy_m, s.credit_minutes,
				  r.stars, r.comment
				FROM attendance_sessions s JOIN activities a ON a.id = s.activity_id
				LEFT JOIN session_ratings r ON r.session_id = s.id
				WHERE s.account_id = ? ORDER BY s.checked_in_at""").param(account).query().listOfRows()), "signUps",
				PersonalData.rows(this.jdbc.sql("""
						SELECT a.title AS activity, u.signed_up_at FROM activity_sign_ups u
						JOIN activities a ON a.id = u.activity_id WHERE u.account_id = ? ORDER BY u.signed_up_at""")
					.param(account)
					.query()
					.listOfRows()),
				"waitlist",
				PersonalData.rows(this.jdbc.sql("""
						SELECT a.title AS activity, w.joined_at FROM activity_waitlist w
						JOIN activities a ON a.id = w.activity_id WHERE w.account_id = ? ORDER BY w.joined_at""")
					.param(account)
					.query()
					.listOfRows()),
				"devices",
				PersonalData.rows(this.jdbc.sql("SELECT device_id, bound_at FROM device_bindings WHERE account_id = ?")
					.param(account)
					.query()
					.listOfRows()));
	}

	@Override
	public void erase(UUID account, Instant now) {
		this.jdbc.sql("DELETE FROM device_bindings WHERE account_id = ?").param(account).update();
		List<UUID> givenUp = this.jdbc.sql("DELETE FROM activity_sign_ups WHERE account_id = ? RETURNING activity_id")
			.param(account)
			.query(UUID.class)
			.list();
		this.jdbc.sql("DELETE FROM activity_waitlist WHERE account_id = ?").param(account).update();
		// In one order, so that two erasures never wait for each other's activities.
		givenUp.stream().sorted().map(ActivityId::new).forEach(this.signUps::fill);
		this.jdbc.sql("UPDATE attendance_sessions SET device_id = 'erased' WHERE account_id = ?")
			.param(account)
			.update();
		this.jdbc.sql("""
				UPDATE session_ratings SET comment = ''
				WHERE session_id IN (SELECT id FROM attendance_sessions WHERE account_id = ?)""")
			.param(account)
			.update();
	}

}
