package org.yixing.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import org.springframework.stereotype.Component;
import org.yixing.shared.AdvisoryLock;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.BatchedDeletes;
import org.yixing.shared.Retention;

/**
 * Retention (docs/PRIVACY.md), hourly on the application clock ({@link BatchedDeletes}):
 * <ul>
 * <li>A verification code is needed for its five minutes; a day after it expired its row
 * (the phone's keyed hash, the code's hash, when it was sent and used) is deleted. The
 * daily limit per phone is counted elsewhere ({@code sms_phone_quota}), so nothing of
 * RULES §2 reads older codes. Every code sent added a row.</li>
 * <li>A phone's quota row (keyed hash, the day of its last code, how many that day, when
 * the last was sent) says nothing once that day is over and the 60 s have passed: a
 * request then counts from zero, as for a phone never seen. Rows whose day ended before
 * yesterday are deleted ({@link SmsCodeRecords#lockQuota} creates one again if needed).
 * Every phone that ever asked for a code had kept one, erased accounts' included.</li>
 * </ul>
 */
@Component
class SmsCodeRetention implements Retention {

	static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

	private static final BatchedDeletes.Job JOB = new BatchedDeletes.Job(AdvisoryLock.SMS_CODE_RETENTION,
			SmsCodeRetention.class);

	private final BatchedDeletes deletes;

	private final Clock clock;

	SmsCodeRetention(BatchedDeletes deletes, Clock clock) {
		this.deletes = deletes;
		this.clock = clock;
	}

	@Override
	public int forget() {
		return deleteExpiredCodes(BatchedDeletes.BATCH) + deleteIdleQuotas(BatchedDeletes.BATCH);
	}

	/** Deletes the codes that expired over a day ago; how many. */
	int deleteExpiredCodes(int batch) {
		Timestamp before = Timestamp.from(this.clock.instant().minus(KEEP_AFTER_EXPIRY));
		return this.deletes.run(JOB, "SMS verification codes that expired over a day ago", batch, """
				DELETE FROM sms_codes WHERE id IN (SELECT id FROM sms_codes WHERE expires_at <= ? LIMIT ?)""", before);
	}

	/**
	 * Deletes the quota rows of phones that had no code since before yesterday; how many.
	 * A request may update a row meanwhile, so the condition is on the outer statement
	 * too ({@link BatchedDeletes#run}).
	 */
	int deleteIdleQuotas(int batch) {
		LocalDate yesterday = ApplicationClock.today(this.clock).minusDays(1);
		return this.deletes.run(JOB, "SMS quota rows of phones with no code since before yesterday", batch, """
				DELETE FROM sms_phone_quota WHERE day < ? AND phone_hash IN (
				  SELECT phone_hash FROM sms_phone_quota WHERE day < ? LIMIT ?)""", yesterday, yesterday);
	}

}
