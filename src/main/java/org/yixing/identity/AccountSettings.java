package org.yixing.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.sms.PhoneNumber;
import org.yixing.sms.SmsCodes;
import org.yixing.sms.SmsPurpose;

/** What volunteers change about their own account (我的 → 基本信息). */
@Service
class AccountSettings {

	private final Accounts accounts;

	private final AccessTokens tokens;

	private final IdentityCrypto crypto;

	private final PasswordEncoder passwords;

	private final SmsCodes smsCodes;

	private final Logins logins;

	private final Clock clock;

	private final PasswordWork work;

	AccountSettings(Accounts accounts, AccessTokens tokens, IdentityCrypto crypto, PasswordEncoder passwords,
			SmsCodes smsCodes, Logins logins, Clock clock, PasswordWork work) {
		this.work = work;
		this.logins = logins;
		this.accounts = accounts;
		this.tokens = tokens;
		this.crypto = crypto;
		this.passwords = passwords;
		this.smsCodes = smsCodes;
		this.clock = clock;
	}

	Account get(AccountId id) {
		return this.accounts.findById(id).orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED));
	}

	String idNumberOf(Account account) {
		byte[] sealed = account.idNumberSealed();
		return (sealed != null) ? this.crypto.openIdNumber(sealed) : account.idNumberMasked();
	}

	/**
	 * Changes the password; every other token of the account is revoked. A wrong current
	 * password counts toward the lock-out like a wrong login (RULES §1), so that a stolen
	 * token cannot be used to guess the password. In its turn ({@link PasswordWork}).
	 */
	void changePassword(AccountId id, @Nullable String currentPassword, @Nullable String newPassword,
			String currentToken) {
		this.work.inTransaction(() -> {
			Account account = this.accounts.lockById(id)
				.orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED));
			this.logins.checkSecret(account, currentPassword, account.passwordHash(), ErrorCode.BAD_CREDENTIALS,
					this.clock.instant());
			PasswordPolicy.check(newPassword);
			Instant now = this.clock.instant();
			this.accounts.updatePassword(id, this.passwords.encode(newPassword), false, now);
			this.tokens.revokeAllOf(id, currentToken);
			return null;
		});
	}

	/**
	 * The account's current password, before what recovers it changes (phone, security
	 * question) or the account is erased; wrong ones count toward the lock-out. In its
	 * turn ({@link PasswordWork}), and in the caller's transaction if it has one (in its
	 * turn too).
	 */
	void checkPassword(AccountId id, @Nullable String password) {
		this.work.inTransaction(() -> {
			Account account = this.accounts.lockById(id)
				.orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED));
			this.logins.checkSecret(account, password, account.passwordHash(), ErrorCode.BAD_CREDENTIALS,
					this.clock.instant());
			return null;
		});
	}

	/** Binds a new phone after an SMS code (purpose BIND_PHONE) sent to that phone. */
	void bindPhone(AccountId id, @Nullable String rawPhone, @Nullable String smsCode) {
		PhoneNumber phone = PhoneNumber.parse(rawPhone);
		if (this.accounts.phoneTakenByOther(this.crypto.lookup(phone), id)) {
			throw new DomainException(ErrorCode.PHONE_IN_USE);
		}
		this.smsCodes.verify(phone.value(), SmsPurpose.BIND_PHONE, smsCode);
		try {
			this.accounts.updatePhone(id, this.crypto.hash(phone), this.crypto.seal(phone), phone.masked(),
					this.clock.instant());
		}
		catch (org.springframework.dao.DuplicateKeyException raced) {
			throw new DomainException(ErrorCode.PHONE_IN_USE);
		}
	}

	/** A question and an answer of 1–100 characters each (RULES §3). */
	static final int MAX_QUESTION = 100;

	void setSecurityQuestion(AccountId id, @Nullable String question, @Nullable String answer) {
		if (question == null || question.isBlank() || question.strip().length() > MAX_QUESTION) {
			throw DomainException.invalidField("question", "ui.question.invalid");
		}
		if (answer == null || answer.isBlank() || answer.strip().length() > MAX_QUESTION) {
			throw DomainException.invalidField("answer", "ui.question.invalid");
		}
		this.accounts.updateSecurityQuestion(id, question.strip(), this.passwords.encode(normalizeAnswer(answer)),
				this.clock.instant());
	}

	/** Answers compare without regard to case and surrounding or repeated spaces. */
	static String normalizeAnswer(String answer) {
		return answer.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

}
