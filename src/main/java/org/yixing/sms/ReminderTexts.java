package org.yixing.sms;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.Secrets;

/**
 * Reminder texts (RULES §13): notifications, not verification codes. They never count
 * toward the codes' limits (RULES §2) and have a quota of their own, 5 per phone per
 * Asia/Shanghai day, settled by the database across nodes.
 */
@Service
public class ReminderTexts {

	public static final int DAILY_LIMIT = 5;

	private final SmsGateway gateway;

	private final JdbcClient jdbc;

	private final Secrets secrets;

	private final Clock clock;

	ReminderTexts(SmsGateway gateway, JdbcClient jdbc, Secrets secrets, Clock clock) {
		this.gateway = gateway;
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.clock = clock;
	}

	/**
	 * Sends one reminder when the phone's quota allows. The quota row stays locked until
	 * the provider answers; when it refuses, the transaction and the count roll back and
	 * {@link SmsGateway.SmsDeliveryException} tells the caller to try again later.
	 * @param templateParameters {@code activity}, {@code time} and {@code event}, for a
	 * provider's notification template
	 * @param text the whole message, for gateways that send free text
	 * @return whether it went out or the day's quota was used up
	 */
	@Transactional
	public Outcome send(String phone, Map<String, String> templateParameters, String text) {
		PhoneNumber number = PhoneNumber.parse(phone);
		LocalDate today = ApplicationClock.today(this.clock);
		this.jdbc.sql("DELETE FROM sms_reminder_quota WHERE day < ?").param(today.minusDays(1)).update();
		boolean allowed = this.jdbc.sql("""
				INSERT INTO sms_reminder_quota (phone_hash, day, sent) VALUES (?, ?, 1)
				ON CONFLICT (phone_hash, day) DO UPDATE SET sent = sms_reminder_quota.sent + 1
				  WHERE sms_reminder_quota.sent < ?
				RETURNING sent""")
			.params(this.secrets.keyedHash("sms-phone", number.value()), today, DAILY_LIMIT)
			.query(Integer.class)
			.optional()
			.isPresent();
		if (!allowed) {
			return Outcome.CAPPED;
		}
		this.gateway.send(SmsGateway.SmsMessage.reminder(number, templateParameters, text));
		return Outcome.SENT;
	}

	public enum Outcome {

		SENT, CAPPED

	}

}
