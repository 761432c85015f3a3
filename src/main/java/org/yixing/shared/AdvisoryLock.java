package org.yixing.shared;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every PostgreSQL advisory lock the application takes under a fixed key, in one place,
 * so that no two parts share a key by accident. Each is a transaction-level lock: taken
 * in the caller's transaction, released at its end. A key never changes and is never
 * given to another part: during a rolling upgrade nodes of two versions take the same
 * locks. Keys are {@code "yixing"} in ASCII followed by a number; the numbers missing
 * from the list were used by earlier versions.
 */
public enum AdvisoryLock {

	/** Organization creations take it shared, moves exclusively. */
	ORGANIZATION_TREE(0x01),

	/** One node at a time voids the sessions not checked out in time. */
	EXPIRED_SESSIONS(0x02),

	/** One node at a time deletes the ID photos whose review is over. */
	ID_PHOTO_RETENTION(0x03),

	/** One node at a time deletes the evidence of rejected makeup requests. */
	EVIDENCE_RETENTION(0x04),

	/** One node at a time records the reminders that are due. */
	REMINDERS(0x13),

	/** One node at a time hands unfinished events to their listeners again. */
	EVENT_RESUBMISSION(0x16),

	/** One node at a time deletes completed event publications. */
	COMPLETED_EVENT_PURGE(0x17),

	/** One node at a time deletes expired and revoked tokens. */
	TOKEN_RETENTION(0x18),

	/** One node at a time deletes expired SMS codes and idle quotas. */
	SMS_CODE_RETENTION(0x19),

	/** One node at a time deletes spent personal-code values and revoked keys. */
	PERSONAL_CODE_RETENTION(0x1a),

	/** One node at a time deletes the records of past reminders. */
	REMINDER_RETENTION(0x1b),

	/** One node at a time deletes expired notices. */
	NOTICE_RETENTION(0x1c),

	/** One node at a time deletes the records of old roster imports. */
	ROSTER_IMPORT_RETENTION(0x1d),

	/** One node at a time deletes the waitlists (候补) of activities that have started. */
	WAITLIST_RETENTION(0x1e);

	/** {@code "yixing"} in ASCII, in the six upper bytes. */
	static final long PREFIX = 0x79697869_6e67_0000L;

	private final long key;

	AdvisoryLock(int number) {
		this.key = PREFIX | number;
	}

	public long key() {
		return this.key;
	}

	/**
	 * Takes the lock for the caller's transaction unless another transaction holds it.
	 * @return whether this transaction holds it now
	 */
	public boolean tryTake(JdbcClient jdbc) {
		return jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(this.key).query(Boolean.class).single();
	}

	/** Takes the lock for the caller's transaction, waiting for any other holder. */
	public void take(JdbcClient jdbc) {
		jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(this.key).query().singleRow();
	}

	/**
	 * Takes the lock shared for the caller's transaction, waiting only for an exclusive
	 * holder.
	 */
	public void takeShared(JdbcClient jdbc) {
		jdbc.sql("SELECT pg_advisory_xact_lock_shared(?)").param(this.key).query().singleRow();
	}

}
