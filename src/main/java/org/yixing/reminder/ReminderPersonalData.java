package org.yixing.reminder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yixing.shared.PersonalData;

/** The volunteer's 短信提醒 choice and the reminders sent: exported, deleted on erasure. */
@Component
class ReminderPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	private final ReminderPreferences preferences;

	ReminderPersonalData(JdbcClient jdbc, ReminderPreferences preferences) {
		this.jdbc = jdbc;
		this.preferences = preferences;
	}

	@Override
	public String section() {
		return "reminders";
	}

	@Override
	public Object export(UUID account) {
		Map<String, Object> section = new LinkedHashMap<>();
		section.put("smsReminders", this.preferences.smsReminders(account));
		section.put("sent", PersonalData.rows(this.jdbc.sql("""
				SELECT kind, activity_id, moment_at, recorded_at, sms_status, sms_at FROM reminders
				WHERE account_id = ? ORDER BY recorded_at""").param(account).query().listOfRows()));
		return section;
	}

	@Override
	public void erase(UUID account, Instant now) {
		this.jdbc.sql("DELETE FROM reminders WHERE account_id = ?").param(account).update();
		this.jdbc.sql("DELETE FROM reminder_preferences WHERE account_id = ?").param(account).update();
	}

}
