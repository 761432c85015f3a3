package org.yixing.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.sms.PhoneNumber;
import org.yixing.sms.SmsCodes;
import org.yixing.sms.SmsPurpose;

/**
 * Password recovery by SMS to the bound phone and by security question (RULES §3). A
 * reset revokes every token and lifts a lock-out.
 */
@Service
class PasswordRecovery {

	private final Accounts accounts;

	private final AccessTokens tokens;

	private final IdentityCrypto crypto;

	private final PasswordEncoder passwords;

	private final SmsCodes smsCodes;

	private final Logins logins;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final PasswordWork work;

	PasswordRecovery(Accounts accounts, AccessTokens tokens, IdentityCrypto crypto, PasswordEncoder passwords,
			SmsCodes smsCodes, Logins logins, Clock clock, TransactionTemplate transactions, PasswordWork work) {
		this.work = work;
		this.accounts = accounts;
		this.tokens = tokens;
		this.crypto = crypto;
		this.passwords = passwords;
		this.smsCodes = smsCodes;
		this.logins = logins;
		this.clock = clock;
		this.transactions = transactions;
	}

	/**
	 * The code (purpose RESET_PASSWORD) proves the phone; the phone must be the one bound
	 * to that ID number.
	 */
	void resetBySms(@Nullable String rawIdNumber, @Nullable String rawPhone, @Nullable String smsCode,
			@Nullable String newPassword) {
		IdNumber idNumber = IdNumber.parse(rawIdNumber, today());
		PhoneNumber phone = PhoneNumber.parse(rawPhone);
		PasswordPolicy.check(newPassword);
		// The code is checked (and used up) in its own transaction before this
		// one starts: one connection per request at a time, so a small pool
		// cannot starve itself.
		this.smsCodes.verify(phone.value(), SmsPurpose.RESET_PASSWORD, smsCode);
		// Hashed in its turn before the transaction (PasswordWork).
		String hash = this.passwords.encode(newPassword);
		this.transactions.executeWithoutResult((status) -> {
			Account account = this.accounts.findByIdNumberHash(this.crypto.lookup(idNumber))
				.filter((a) -> a.phoneSealed() != null && this.crypto.openPhone(a.phoneSealed()).equals(phone))
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
			setPassword(account.id(), hash);
		});
	}

	String securityQuestion(@Nullable String rawIdNumber) {
		Account account = this.accounts.findByIdNumberHash(this.crypto.lookup(IdNumber.parse(rawIdNumber, today())))
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (account.securityQuestion() == null) {
			throw new DomainException(ErrorCode.NOT_FOUND);
		}
		return account.securityQuestion();
	}

	/**
	 * Wrong answers count towards the same lock-out as wrong passwords. In its turn
	 * ({@link PasswordWork}).
	 */
	void resetBySecurityQuestion(@Nullable String rawIdNumber, @Nullable String answer, @Nullable String newPassword) {
		IdNumber idNumber = IdNumber.parse(rawIdNumber, today());
		PasswordPolicy.check(newPassword);
		this.work.inTransaction(() -> {
			Account account = this.accounts.lockByIdNumberHash(this.crypto.lookup(idNumber))
				.filter((a) -> a.securityAnswerHash() != null)
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
			this.logins.checkSecret(account, (answer != null) ? AccountSettings.normalizeAnswer(answer) : null,
					account.securityAnswerHash(), ErrorCode.SECURITY_ANSWER_INCORRECT, this.clock.instant());
			setPassword(account.id(), this.passwords.encode(newPassword));
			return null;
		});
	}

	private void setPassword(AccountId id, String passwordHash) {
		Instant now = this.clock.instant();
		this.accounts.updatePassword(id, passwordHash, false, now);
		this.tokens.revokeAllOf(id, null);
	}

	private LocalDate today() {
		return ApplicationClock.today(this.clock);
	}

}
