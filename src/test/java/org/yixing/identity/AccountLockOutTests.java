package org.yixing.identity;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES §1: 5 wrong passwords in a row lock the account for 15 minutes. */
class AccountLockOutTests {

	static final Instant NOW = Instant.parse("2026-11-25T01:00:00Z");

	@Test
	void theFifthWrongPasswordInARowLocksForFifteenMinutes() {
		Account account = withFailures(0, null);
		for (int i = 1; i <= 4; i++) {
			Account.LockOut lockOut = account.afterWrongSecret(NOW);
			assertThat(lockOut.locked()).isFalse();
			assertThat(lockOut.failedLogins()).isEqualTo(i);
			account = withFailures(lockOut.failedLogins(), lockOut.lockedUntil());
		}
		Account.LockOut fifth = account.afterWrongSecret(NOW);
		assertThat(fifth.lockedUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
		Account locked = withFailures(fifth.failedLogins(), fifth.lockedUntil());
		assertThat(locked.isLockedAt(NOW.plus(Duration.ofMinutes(14).plusSeconds(59)))).isTrue();
		assertThat(locked.isLockedAt(NOW.plus(Duration.ofMinutes(15)))).isFalse();
	}

	@Test
	void afterALockExpiresTheCountStartsAgain() {
		Account expired = withFailures(0, NOW.minusSeconds(1));
		Account.LockOut next = expired.afterWrongSecret(NOW);
		assertThat(next.locked()).isFalse();
		assertThat(next.failedLogins()).isEqualTo(1);
	}

	private static Account withFailures(int failed, Instant lockedUntil) {
		return new Account(AccountId.random(), "张三", new byte[0], "4201**********0028", null, null, "420100", "hash",
				false, false, failed, lockedUntil, null, null);
	}

}
