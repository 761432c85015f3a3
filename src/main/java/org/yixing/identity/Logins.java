package org.yixing.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.sms.PhoneNumber;

/**
 * Login by ID number or bound phone (RULES §1), with the lock-out counted under a row
 * lock so that parallel wrong guesses all count.
 */
@Service
class Logins {

	private final Accounts accounts;

	private final AccessTokens tokens;

	private final IdentityCrypto crypto;

	private final PasswordEncoder passwords;

	private final Clock clock;

	private final PasswordWork work;

	/** Hashed on first need, not at start (an Argon2 hash is ~100 ms of start-up). */
	private final java.util.function.Supplier<String> dummyHash;

	Logins(Accounts accounts, AccessTokens tokens, IdentityCrypto crypto, PasswordEncoder passwords, Clock clock,
			PasswordWork work) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.crypto = crypto;
		this.passwords = passwords;
		this.clock = clock;
		this.work = work;
		this.dummyHash = org.springframework.util.function.SingletonSupplier
			.of(() -> passwords.encode("not-a-real-password-1"));
	}

	/** {@link #verify}, then a new token, in one transaction. */
	TokenIssued login(@Nullable String accountName, @Nullable String password) {
		return this.work.inTransaction(() -> {
			Account account = check(accountName, password);
			return new TokenIssued(this.tokens.issue(account.id()), "Bearer", AccessTokens.LIFETIME.toSeconds(),
					account.mustChangePassword());
		});
	}

	/**
	 * The account behind an ID number or phone and its password, under the lock-out rule;
	 * wrong → {@code BAD_CREDENTIALS}. In its turn, then in a transaction of its own that
	 * keeps a wrong password's count ({@link PasswordWork#inTransaction}).
	 */
	Account verify(@Nullable String accountName, @Nullable String password) {
		return this.work.inTransaction(() -> check(accountName, password));
	}

	private Account check(@Nullable String accountName, @Nullable String password) {
		Instant now = this.clock.instant();
		Optional<Account> found = lockByName(accountName, now);
		if (found.isEmpty()) {
			// Same work as for a real account, so timing does not tell which accounts
			// exist.
			this.passwords.matches(String.valueOf(password), this.dummyHash.get());
			throw new DomainException(ErrorCode.BAD_CREDENTIALS);
		}
		Account account = found.get();
		checkSecret(account, password, account.passwordHash(), ErrorCode.BAD_CREDENTIALS, now);
		return account;
	}

	/**
	 * Checks a password or security answer against its hash under the lock-out rule:
	 * locked → {@code ACCOUNT_LOCKED}; wrong → {@code wrong}, and the 5th wrong one in a
	 * row locks the account for the tries that follow. The account row must be locked by
	 * the caller's transaction.
	 */
	void checkSecret(Account account, @Nullable String secret, @Nullable String hash, ErrorCode wrong, Instant now) {
		if (account.isLockedAt(now)) {
			throw locked(account.lockedUntil(), now);
		}
		if (secret == null || hash == null || !this.passwords.matches(secret, hash)) {
			Account.LockOut lockOut = account.afterWrongSecret(now);
			this.accounts.recordLockOut(account.id(), lockOut, now);
			// The 5th wrong secret is still answered as wrong; the lock applies from the
			// next try.
			throw new DomainException(wrong);
		}
		this.accounts.clearLockOut(account.id(), now);
	}

	private Optional<Account> lockByName(@Nullable String name, Instant now) {
		if (name == null || name.isBlank()) {
			return Optional.empty();
		}
		try {
			IdNumber idNumber = IdNumber.parse(name, LocalDate.ofInstant(now, ApplicationClock.ZONE));
			return this.accounts.lockByIdNumberHash(this.crypto.lookup(idNumber));
		}
		catch (DomainException notAnIdNumber) {
			// fall through: maybe a phone number
		}
		try {
			return this.accounts.lockByPhoneHash(this.crypto.lookup(PhoneNumber.parse(name)));
		}
		catch (DomainException notAPhone) {
			return Optional.empty();
		}
	}

	static DomainException locked(@Nullable Instant until, Instant now) {
		long seconds = (until != null) ? Math.max(1, java.time.Duration.between(now, until).toSeconds()) : 0;
		return new DomainException(ErrorCode.ACCOUNT_LOCKED, (seconds + 59) / 60).with("retryAfterSeconds", seconds);
	}

	record TokenIssued(String accessToken, String tokenType, long expiresIn, boolean mustChangePassword) {
	}

}
