package org.yixing.identity;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.sms.PhoneNumber;

/** What other modules may know about accounts: never an ID number in the clear. */
@Service
public class AccountDirectory {

	private final Accounts accounts;

	private final IdentityCrypto crypto;

	private final Clock clock;

	private final IdPhotoReviews idPhotoReviews;

	AccountDirectory(Accounts accounts, IdentityCrypto crypto, Clock clock, IdPhotoReviews idPhotoReviews) {
		this.idPhotoReviews = idPhotoReviews;
		this.accounts = accounts;
		this.crypto = crypto;
		this.clock = clock;
	}

	/** How many accounts the platform has (erased ones left out). */
	public long count() {
		return this.accounts.count();
	}

	/**
	 * How many 手持身份证照片 recoveries wait for platform staff (RULES §3): volunteers who
	 * cannot sign in until one is decided.
	 */
	public long idPhotoReviewsWaiting() {
		return this.idPhotoReviews.pendingCount();
	}

	public Optional<AccountSummary> find(AccountId id) {
		return this.accounts.findById(id).map(AccountDirectory::summary);
	}

	/**
	 * Finds an account by a (not yet validated) ID number; invalid → INVALID_ID_NUMBER.
	 */
	public Optional<AccountSummary> findByIdNumber(String idNumber) {
		IdNumber parsed = IdNumber.parse(idNumber, ApplicationClock.today(this.clock));
		return this.accounts.findByIdNumberHash(this.crypto.lookup(parsed)).map(AccountDirectory::summary);
	}

	/**
	 * Finds an account by its bound phone (a whole number: phones are stored sealed and
	 * found by keyed hash); not a phone number → empty.
	 */
	public Optional<AccountSummary> findByPhone(String phone) {
		try {
			return this.accounts.findByPhoneHash(this.crypto.lookup(PhoneNumber.parse(phone)))
				.map(AccountDirectory::summary);
		}
		catch (DomainException notAPhone) {
			return Optional.empty();
		}
	}

	/** Summaries of many accounts in one query, by id. */
	public Map<AccountId, AccountSummary> findAll(Collection<AccountId> ids) {
		return this.accounts.findAllById(ids)
			.stream()
			.map(AccountDirectory::summary)
			.collect(Collectors.toMap(AccountSummary::id, Function.identity()));
	}

	/** The same, keyed by the raw id, as pages that hold {@code UUID}s look them up. */
	public Map<UUID, AccountSummary> findAllByUuid(Collection<UUID> ids) {
		return findAll(ids.stream().distinct().map(AccountId::new).toList()).values()
			.stream()
			.collect(Collectors.toMap((summary) -> summary.id().value(), Function.identity()));
	}

	/**
	 * Names and whole ID numbers, for the one purpose that needs them outside this
	 * module: an organization's export of service records to the national volunteer
	 * system, which identifies volunteers by ID number. The caller audits the export. An
	 * erased account has no ID number left: its masked form stands in.
	 */
	public Map<UUID, Identified> identifiedForRecordExport(Collection<UUID> ids) {
		return this.accounts.findAllById(ids.stream().distinct().map(AccountId::new).toList())
			.stream()
			.collect(Collectors.toMap((a) -> a.id().value(), (a) -> new Identified(a.realName(),
					(a.idNumberSealed() != null) ? this.crypto.openIdNumber(a.idNumberSealed()) : a.idNumberMasked())));
	}

	/**
	 * The bound phone, for the one other purpose that needs it: text reminders the
	 * volunteer allowed (RULES §13). Empty when no phone is bound or the account is gone.
	 */
	public Optional<String> phoneForReminders(AccountId id) {
		return this.accounts.findById(id)
			.filter((a) -> a.phoneSealed() != null)
			.map((a) -> this.crypto.openPhone(a.phoneSealed()).value());
	}

	/**
	 * @param idNumber the whole number (masked only when the account was erased)
	 */
	public record Identified(String realName, String idNumber) {
	}

	private static AccountSummary summary(Account account) {
		return new AccountSummary(account.id(), account.realName(), account.idNumberMasked(), account.staff());
	}

	public record AccountSummary(AccountId id, String realName, String idNumberMasked, boolean staff) {
	}

}
