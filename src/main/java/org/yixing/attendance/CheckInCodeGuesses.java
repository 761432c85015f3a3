package org.yixing.attendance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Sign-in codes are six digits (RULES §5): 10⁶ of them, a few hundred in use at a time.
 * Unknown codes, looked up or tried at check-in, count against the account and against
 * the client address in 10-minute windows kept in the database (so every node sees them).
 * Past {@link #PER_ACCOUNT} misses of an account, or {@link #PER_ADDRESS} of an address
 * (a campus NAT hides many honest phones), every lookup and check-in answers 429
 * {@code TOO_MANY_REQUESTS} with {@code Retry-After} until the window ends, before any
 * code is looked up: at 20 guesses per 10 minutes one account needs on average 25,000
 * windows (173 days) to hit one given code.
 */
@Component
class CheckInCodeGuesses {

	static final int PER_ACCOUNT = 20;

	static final int PER_ADDRESS = 200;

	static final Duration WINDOW = Duration.ofMinutes(10);

	private final JdbcClient jdbc;

	private final Clock clock;

	CheckInCodeGuesses(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Whether the budget is spent, given {@link Budget#window()}, the account's subject
	 * and limit, the address's subject and limit; check-in asks it inside its first read.
	 */
	static final String OVER_BUDGET = """
			SELECT 1 FROM check_in_code_guesses
			WHERE window_start = ? AND ((subject = ? AND misses >= ?) OR (subject = ? AND misses >= ?))""";

	/** Refuses an account or address that has used up its misses in this window. */
	void requireBudget(AuthenticatedAccount caller, String address) {
		Budget budget = budget(caller, address);
		boolean over = this.jdbc.sql("SELECT EXISTS (" + OVER_BUDGET + ")")
			.params(budget.window(), budget.account(), PER_ACCOUNT, budget.address(), PER_ADDRESS)
			.query(Boolean.class)
			.single();
		if (over) {
			throw spent();
		}
	}

	/** The subjects and window to check, for a query of the caller's own. */
	Budget budget(AuthenticatedAccount caller, String address) {
		return new Budget(Timestamp.from(windowOf(this.clock.instant())), account(caller), address(address));
	}

	/** 429 until the window ends. */
	DomainException spent() {
		Instant now = this.clock.instant();
		return new DomainException(ErrorCode.TOO_MANY_REQUESTS).with("retryAfterSeconds",
				Math.max(1, Duration.between(now, windowOf(now).plus(WINDOW)).toSeconds()));
	}

	record Budget(Timestamp window, String account, String address) {
	}

	/** Counts an unknown code; in its own statement, outside any failing transaction. */
	void miss(AuthenticatedAccount caller, String address) {
		Timestamp window = Timestamp.from(windowOf(this.clock.instant()));
		this.jdbc.sql("""
				INSERT INTO check_in_code_guesses (subject, window_start, misses) VALUES (?, ?, 1), (?, ?, 1)
				ON CONFLICT (subject, window_start) DO UPDATE SET misses = check_in_code_guesses.misses + 1""")
			.params(account(caller), window, address(address), window)
			.update();
	}

	/** Windows that have ended are of no further use. */
	@Scheduled(fixedDelay = 10, timeUnit = TimeUnit.MINUTES, initialDelay = 1)
	int forgetEnded() {
		return this.jdbc.sql("DELETE FROM check_in_code_guesses WHERE window_start < ?")
			.param(Timestamp.from(windowOf(this.clock.instant()).minus(WINDOW)))
			.update();
	}

	private static Instant windowOf(Instant now) {
		return Instant.ofEpochSecond(now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), WINDOW.toSeconds()));
	}

	private static String account(AuthenticatedAccount caller) {
		return "account:" + caller.id().value();
	}

	private static String address(String address) {
		return "address:" + address;
	}

}
