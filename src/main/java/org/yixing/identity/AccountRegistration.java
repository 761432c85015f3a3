package org.yixing.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.region.Regions;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.sms.PhoneNumber;
import org.yixing.sms.SmsCodes;
import org.yixing.sms.SmsPurpose;

/**
 * Brings accounts into existence (RULES §1): self-registration with an SMS code, roster
 * import, the bootstrap staff account and demo data. The unique indexes on the ID number
 * and phone hashes settle races: of two parallel registrations exactly one succeeds.
 */
@Service
class AccountRegistration {

	private final Accounts accounts;

	private final IdentityCrypto crypto;

	private final PasswordEncoder passwords;

	private final SmsCodes smsCodes;

	private final Regions regions;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	AccountRegistration(Accounts accounts, IdentityCrypto crypto, PasswordEncoder passwords, SmsCodes smsCodes,
			Regions regions, Clock clock, TransactionTemplate transactions, ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.crypto = crypto;
		this.passwords = passwords;
		this.smsCodes = smsCodes;
		this.regions = regions;
		this.clock = clock;
		this.transactions = transactions;
		this.events = events;
	}

	/**
	 * Checks in this order: ID number, phone, password, region, already registered, phone
	 * in use, then the SMS code (which a failed request still counts against).
	 */
	Account register(String realName, @Nullable String rawIdNumber, @Nullable String rawPhone, @Nullable String smsCode,
			@Nullable String password, @Nullable String regionCode) {
		String name = RealName.check(realName);
		IdNumber idNumber = IdNumber.parse(rawIdNumber, today());
		PhoneNumber phone = PhoneNumber.parse(rawPhone);
		PasswordPolicy.check(password);
		if (regionCode == null || !this.regions.exists(regionCode.trim())) {
			throw new DomainException(ErrorCode.INVALID_REGION);
		}
		if (this.accounts.existsByIdNumberHash(this.crypto.lookup(idNumber))) {
			throw new DomainException(ErrorCode.ALREADY_REGISTERED);
		}
		if (this.accounts.phoneTakenByOther(this.crypto.lookup(phone), null)) {
			throw new DomainException(ErrorCode.PHONE_IN_USE);
		}
		this.smsCodes.verify(phone.value(), SmsPurpose.REGISTER, smsCode);
		return create(name, idNumber, phone, regionCode.trim(), this.passwords.encode(password), false, false,
				"REGISTRATION");
	}

	/**
	 * A roster account: initial password = last 8 characters of the ID number, to be
	 * changed at first login. Empty when the ID number is already registered.
	 */
	Optional<Account> importFromRoster(String realName, IdNumber idNumber, @Nullable PhoneNumber phone) {
		if (this.accounts.existsByIdNumberHash(this.crypto.lookup(idNumber))) {
			return Optional.empty();
		}
		if (phone != null && this.accounts.phoneTakenByOther(this.crypto.lookup(phone), null)) {
			throw new DomainException(ErrorCode.PHONE_IN_USE);
		}
		return Optional.of(create(realName, idNumber, phone, null, this.passwords.encode(idNumber.lastEight()), true,
				false, "ROSTER_IMPORT"));
	}

	/** Creates the account if absent; an existing one keeps its password. */
	Account ensure(String realName, IdNumber idNumber, @Nullable PhoneNumber phone, @Nullable String regionCode,
			String password, boolean staff, String origin) {
		Optional<Account> existing = this.accounts.findByIdNumberHash(this.crypto.lookup(idNumber));
		if (existing.isPresent()) {
			if (staff && !existing.get().staff()) {
				this.accounts.grantStaff(existing.get().id(), this.clock.instant());
			}
			return existing.get();
		}
		PasswordPolicy.check(password);
		try {
			return create(realName, idNumber, phone, regionCode, this.passwords.encode(password), false, staff, origin);
		}
		catch (DomainException raced) {
			return this.accounts.findByIdNumberHash(this.crypto.lookup(idNumber)).orElseThrow(() -> raced);
		}
	}

	private Account create(String realName, IdNumber idNumber, @Nullable PhoneNumber phone, @Nullable String regionCode,
			String passwordHash, boolean mustChangePassword, boolean staff, String origin) {
		Instant now = this.clock.instant();
		Account account = new Account(AccountId.random(), realName, this.crypto.seal(idNumber), idNumber.masked(),
				(phone != null) ? this.crypto.seal(phone) : null, (phone != null) ? phone.masked() : null, regionCode,
				passwordHash, mustChangePassword, staff, 0, null, null, null);
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.accounts.insert(account, this.crypto.hash(idNumber),
						(phone != null) ? this.crypto.hash(phone) : null, origin, now, this.crypto.keyId());
				this.events.publishEvent(new AccountRegistered(account.id(), origin));
			});
		}
		catch (DuplicateKeyException ex) {
			throw new DomainException("accounts_phone_key".equals(constraint(ex)) ? ErrorCode.PHONE_IN_USE
					: ErrorCode.ALREADY_REGISTERED);
		}
		return account;
	}

	private LocalDate today() {
		return ApplicationClock.today(this.clock);
	}

	private static @Nullable String constraint(DuplicateKeyException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PSQLException psql) {
				ServerErrorMessage message = psql.getServerErrorMessage();
				return (message != null) ? message.getConstraint() : null;
			}
		}
		return null;
	}

}
