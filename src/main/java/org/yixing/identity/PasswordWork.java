package org.yixing.identity;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.yixing.shared.DatabaseOutage;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Sign-ins take turns: at most one per two processors checks its password at a time. The
 * slow hash of RULES §1 (Argon2id) costs some 40 ms of CPU and 16 MB a check, by design;
 * a storm of sign-ins (at 8:00, volunteers whose browser session ended overnight sign in
 * at the activity's site) would otherwise take every core, and the connections their
 * transactions hold, from the check-ins they came for: 16 sign-ins at a time cut the
 * check-ins beside them to a fifth on two cores (docs/PERFORMANCE.md). A sign-in waits
 * for its turn before its transaction, so no connection waits with it; one that waits
 * longer than {@code yixing.passwords.wait} (10 s) is answered 503
 * {@code SERVICE_UNAVAILABLE} with {@code Retry-After}. {@code yixing.passwords.at-once}
 * sets another number of turns.
 */
@Component
class PasswordWork {

	private final Semaphore turns;

	private final Duration wait;

	/** {@code atOnce} 0: one turn per two processors, at least one. */
	PasswordWork(@Value("${yixing.passwords.at-once:0}") int atOnce,
			@Value("${yixing.passwords.wait:PT10S}") Duration wait) {
		this.turns = new Semaphore((atOnce > 0) ? atOnce : Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
				true);
		this.wait = wait;
	}

	/** Runs {@code work}, which checks a password, in its turn. */
	<T> T run(Supplier<T> work) {
		boolean turn;
		try {
			turn = this.turns.tryAcquire(this.wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			turn = false;
		}
		if (!turn) {
			throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE).with("retryAfterSeconds",
					DatabaseOutage.RETRY_AFTER_SECONDS);
		}
		try {
			return work.get();
		}
		finally {
			this.turns.release();
		}
	}

}
