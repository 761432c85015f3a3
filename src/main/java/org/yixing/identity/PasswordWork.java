package org.yixing.identity;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yixing.shared.DatabaseOutage;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.web.LongWaits;

/**
 * Password work takes turns: at most one hash per two processors at a time. The slow hash
 * of RULES §1 (Argon2id) costs some 40 ms of CPU and 16 MB, by design; a storm of
 * sign-ins (at 8:00, volunteers whose browser session ended overnight sign in at the
 * activity's site) or of first password changes (a roster's volunteers at their first
 * activity) would otherwise take every core, and the connections their transactions hold,
 * from the check-ins they came for: 16 sign-ins at a time cut the check-ins beside them
 * to a fifth on two cores (docs/PERFORMANCE.md).
 * <p>
 * Every password or security answer hashed or checked goes through {@link #encoder},
 * which takes a turn for it. Work that checks one under the account's row lock (the
 * lock-out rule) runs {@link #inTransaction in its turn}: the turn first, then the
 * transaction, so that no connection waits for a turn. Waiting for a turn inside a
 * transaction is refused as a programming error. A wait longer than
 * {@code yixing.passwords.wait} (10 s) is answered 503 {@code SERVICE_UNAVAILABLE} with
 * {@code Retry-After}; {@code yixing.passwords.at-once} sets another number of turns.
 * While a request waits for its turn, Tomcat may run another request in its place
 * ({@link LongWaits}): however many sign-ins wait, the check-ins keep the request
 * threads.
 */
@Component
class PasswordWork {

	private final Semaphore turns;

	private final int atOnce;

	private final Duration wait;

	private final TransactionOperations transactions;

	private final Counter turnedAway;

	private final LongWaits waits;

	/** Whether this thread holds a turn: work in a turn may do more work in it. */
	private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

	/** {@code atOnce} 0: one turn per two processors, at least one. */
	@Autowired
	PasswordWork(@Value("${yixing.passwords.at-once:0}") int atOnce,
			@Value("${yixing.passwords.wait:PT10S}") Duration wait, TransactionOperations transactions,
			MeterRegistry meters, LongWaits waits) {
		this.atOnce = (atOnce > 0) ? atOnce : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
		this.turns = new Semaphore(this.atOnce, true);
		this.wait = wait;
		this.transactions = transactions;
		this.waits = waits;
		this.turnedAway = Counter.builder("yixing.passwords.turned.away")
			.description("Requests that hash or check a password answered 503 SERVICE_UNAVAILABLE after waiting "
					+ "past yixing.passwords.wait for their turn (sign-ins, password changes, registrations, ...)")
			.register(meters);
	}

	PasswordWork(int atOnce, Duration wait) {
		this(atOnce, wait, TransactionOperations.withoutTransaction(), new SimpleMeterRegistry(), new LongWaits());
	}

	/** Runs {@code work}, which hashes or checks a password, in its turn. */
	<T> T run(Supplier<T> work) {
		if (this.holding.get()) {
			return work.get();
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Password work waits for its turn before its transaction, "
					+ "never holding a connection: run it through PasswordWork.inTransaction");
		}
		// a turn free (with nobody before this one) is taken at once; while waiting for
		// one, this request thread's place is lent to another request
		if (!awaitTurn(Duration.ZERO) && !this.waits.aside(() -> awaitTurn(this.wait))) {
			// counted apart: the same code as a database out of reach, another cause
			this.turnedAway.increment();
			throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE).with("retryAfterSeconds",
					DatabaseOutage.RETRY_AFTER_SECONDS);
		}
		this.holding.set(true);
		try {
			return work.get();
		}
		finally {
			this.holding.remove();
			this.turns.release();
		}
	}

	private boolean awaitTurn(Duration wait) {
		try {
			return this.turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Runs {@code work} in its turn, in a transaction that then starts (or the one
	 * already running, when called in a turn): what a refusal wrote
	 * ({@link DomainException}, e.g. a wrong password counted toward the lock-out) is
	 * committed before the refusal is thrown, as
	 * {@code @Transactional(noRollbackFor = DomainException.class)} would.
	 */
	<T> T inTransaction(Supplier<T> work) {
		return run(() -> {
			DomainException[] refused = new DomainException[1];
			T result = this.transactions.execute((status) -> {
				try {
					return work.get();
				}
				catch (DomainException ex) {
					refused[0] = ex;
					return null;
				}
			});
			if (refused[0] != null) {
				throw refused[0];
			}
			return result;
		});
	}

	/** How many turns there are. */
	int turns() {
		return this.atOnce;
	}

	/** How many threads wait for a turn now. */
	int waiting() {
		return this.turns.getQueueLength();
	}

	/** {@code encoder}, taking a turn for each hash and check. */
	PasswordEncoder encoder(PasswordEncoder encoder) {
		return new PasswordEncoder() {

			@Override
			public String encode(CharSequence rawPassword) {
				return run(() -> encoder.encode(rawPassword));
			}

			@Override
			public boolean matches(CharSequence rawPassword, String encodedPassword) {
				return run(() -> encoder.matches(rawPassword, encodedPassword));
			}

			@Override
			public boolean upgradeEncoding(String encodedPassword) {
				return encoder.upgradeEncoding(encodedPassword);
			}

		};
	}

}
