package org.yixing.reminder;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 短信提醒 (RULES §13): whether a volunteer gets reminders as text messages too. On until
 * turned off; notices always go out.
 */
@Service
public class ReminderPreferences {

	private final JdbcClient jdbc;

	private final Clock clock;

	ReminderPreferences(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public boolean smsReminders(UUID account) {
		return this.jdbc.sql("SELECT sms_reminders FROM reminder_preferences WHERE account_id = ?")
			.param(account)
			.query(Boolean.class)
			.optional()
			.orElse(true);
	}

	/** Setting the same value again changes nothing but the time. */
	@Transactional
	public void setSmsReminders(UUID account, boolean on) {
		this.jdbc.sql("""
				INSERT INTO reminder_preferences (account_id, sms_reminders, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (account_id) DO UPDATE SET sms_reminders = EXCLUDED.sms_reminders,
				  updated_at = EXCLUDED.updated_at""")
			.params(account, on, Timestamp.from(this.clock.instant()))
			.update();
	}

}
