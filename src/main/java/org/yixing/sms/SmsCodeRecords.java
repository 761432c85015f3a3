package org.yixing.sms;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SMS tables: per-phone quota rows (the lock) and hashed codes. */
@Repository
class SmsCodeRecords {

	private final JdbcClient jdbc;

	SmsCodeRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the phone's quota row, creating an empty one if there is none, in one
	 * statement: a row that {@link SmsCodeRetention} deletes meanwhile is created again
	 * instead of being missed.
	 */
	Quota lockQuota(byte[] phoneHash, LocalDate today, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO sms_phone_quota AS q (phone_hash, day, sent_that_day, last_sent_at) VALUES (?, ?, 0, ?)
				ON CONFLICT (phone_hash) DO UPDATE SET phone_hash = q.phone_hash
				RETURNING day, sent_that_day, last_sent_at""")
			.params(phoneHash, today, Timestamp.from(now.minusSeconds(86_400)))
			.query((rs, n) -> new Quota(rs.getObject("day", LocalDate.class), rs.getInt("sent_that_day"),
					rs.getTimestamp("last_sent_at").toInstant()))
			.single();
	}

	void updateQuota(byte[] phoneHash, LocalDate day, int sentThatDay, Instant lastSentAt) {
		this.jdbc.sql("UPDATE sms_phone_quota SET day = ?, sent_that_day = ?, last_sent_at = ? WHERE phone_hash = ?")
			.params(day, sentThatDay, Timestamp.from(lastSentAt), phoneHash)
			.update();
	}

	void insertCode(UUID id, byte[] phoneHash, SmsPurpose purpose, byte[] codeHash, Instant now, Instant expiresAt) {
		this.jdbc.sql("""
				INSERT INTO sms_codes (id, phone_hash, purpose, code_hash, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(id, phoneHash, purpose.name(), codeHash, Timestamp.from(now), Timestamp.from(expiresAt))
			.update();
	}

	/** The newest code for this phone and purpose, locked: only it can be used. */
	Optional<StoredCode> lockLatest(byte[] phoneHash, SmsPurpose purpose) {
		return this.jdbc.sql("""
				SELECT id, code_hash, expires_at, wrong_attempts, consumed_at FROM sms_codes
				WHERE phone_hash = ? AND purpose = ? ORDER BY created_at DESC LIMIT 1 FOR UPDATE""")
			.params(phoneHash, purpose.name())
			.query((rs, n) -> new StoredCode(rs.getObject("id", UUID.class), rs.getBytes("code_hash"),
					rs.getTimestamp("expires_at").toInstant(), rs.getInt("wrong_attempts"),
					rs.getTimestamp("consumed_at") != null))
			.optional();
	}

	void recordWrongAttempt(UUID id) {
		this.jdbc.sql("UPDATE sms_codes SET wrong_attempts = wrong_attempts + 1 WHERE id = ?").param(id).update();
	}

	void consume(UUID id, Instant now) {
		this.jdbc.sql("UPDATE sms_codes SET consumed_at = ? WHERE id = ?").params(Timestamp.from(now), id).update();
	}

	record Quota(LocalDate day, int sentThatDay, Instant lastSentAt) {
	}

	record StoredCode(UUID id, byte[] codeHash, Instant expiresAt, int wrongAttempts, boolean consumed) {
	}

}
