package org.yixing.identity;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An account as stored: personal data only sealed or masked. Owns the lock-out rule
 * (RULES §1): 5 wrong passwords in a row lock it for 15 minutes.
 */
record Account(AccountId id, String realName, byte @Nullable [] idNumberSealed, String idNumberMasked,
		byte @Nullable [] phoneSealed, @Nullable String phoneMasked, @Nullable String regionCode, String passwordHash,
		boolean mustChangePassword, boolean staff, int failedLogins, @Nullable Instant lockedUntil,
		@Nullable String securityQuestion, @Nullable String securityAnswerHash) {

	static final int WRONG_PASSWORDS_BEFORE_LOCK = 5;

	static final Duration LOCK_DURATION = Duration.ofMinutes(15);

	boolean isLockedAt(Instant now) {
		return this.lockedUntil != null && now.isBefore(this.lockedUntil);
	}

	/**
	 * The lock-out state after one more wrong password (or security answer) at
	 * {@code now}.
	 */
	LockOut afterWrongSecret(Instant now) {
		boolean previousLockExpired = this.lockedUntil != null && !now.isBefore(this.lockedUntil);
		int failed = (previousLockExpired ? 0 : this.failedLogins) + 1;
		if (failed >= WRONG_PASSWORDS_BEFORE_LOCK) {
			return new LockOut(0, now.plus(LOCK_DURATION));
		}
		return new LockOut(failed, previousLockExpired ? null : this.lockedUntil);
	}

	record LockOut(int failedLogins, @Nullable Instant lockedUntil) {

		boolean locked() {
			return this.lockedUntil != null;
		}

	}

}
