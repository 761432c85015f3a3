package org.yixing.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.audit.AuditLog;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * The campus identities linked to accounts (RULES §14): one identity (issuer + subject)
 * per account, one per account and university, both unique indexes; the student or staff
 * number (学号/工号) kept with the link. Never linked by name, e-mail or phone: only a proven
 * identity and an account its holder proved, by password or by being signed in.
 */
@Service
public class CampusIdentities {

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final AccountSettings settings;

	private final Clock clock;

	private final AuditLog audit;

	private final PasswordWork work;

	CampusIdentities(JdbcClient jdbc, Accounts accounts, AccountSettings settings, Clock clock, AuditLog audit,
			PasswordWork work) {
		this.work = work;
		this.audit = audit;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.settings = settings;
		this.clock = clock;
	}

	/** The account this campus identity is linked to, if any. */
	public Optional<AccountId> accountOf(String issuer, String subject) {
		return this.jdbc.sql("SELECT account_id FROM campus_identities WHERE issuer = ? AND subject = ?")
			.params(issuer, subject)
			.query((rs, n) -> new AccountId(rs.getObject(1, UUID.class)))
			.optional();
	}

	/**
	 * Links a proven campus identity to an account. Linking it again to the same account
	 * only refreshes the number; an identity another account holds, or a second identity
	 * of the same university for this account, is refused with
	 * {@code CAMPUS_SIGN_ON_FAILED} and changes nothing.
	 * @return whether a new link was made
	 */
	@Transactional
	public boolean link(AccountId account, UUID organization, String issuer, String subject, @Nullable String number) {
		// The account row first, so that two links of one account are decided in turn.
		this.accounts.lockById(account).orElseThrow(() -> new DomainException(ErrorCode.CAMPUS_SIGN_ON_FAILED));
		int inserted = this.jdbc.sql("""
				INSERT INTO campus_identities (account_id, organization_id, issuer, subject, number, linked_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(account.value(), organization, issuer, subject, number, Timestamp.from(this.clock.instant()))
			.update();
		if (inserted == 1) {
			return true;
		}
		int same = this.jdbc.sql("""
				UPDATE campus_identities SET number = ?
				WHERE account_id = ? AND organization_id = ? AND issuer = ? AND subject = ?""")
			.params(number, account.value(), organization, issuer, subject)
			.update();
		if (same == 0) {
			throw new DomainException(ErrorCode.CAMPUS_SIGN_ON_FAILED);
		}
		return false;
	}

	/** Keeps the number as the provider last said it, at each campus sign-in. */
	public void refreshNumber(String issuer, String subject, @Nullable String number) {
		this.jdbc
			.sql("UPDATE campus_identities SET number = ? WHERE issuer = ? AND subject = ? "
					+ "AND number IS DISTINCT FROM ?")
			.params(number, issuer, subject, number)
			.update();
	}

	/** The account's links, the earliest first. */
	public List<Link> linksOf(AccountId account) {
		return this.jdbc.sql("""
				SELECT organization_id, number, linked_at FROM campus_identities WHERE account_id = ?
				ORDER BY linked_at""")
			.param(account.value())
			.query((rs, n) -> new Link(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.list();
	}

	/**
	 * The numbers these accounts carry at this university, for its admins' lists and
	 * exports; accounts without one are left out.
	 */
	public Map<UUID, String> numbers(UUID university, Collection<UUID> accounts) {
		if (accounts.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("""
				SELECT account_id, number FROM campus_identities
				WHERE organization_id = ? AND account_id = ANY(?) AND number IS NOT NULL""")
			.params(university, accounts.stream().distinct().toArray(UUID[]::new))
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * Unlinks after the account's password (wrong ones count toward the lock-out), and
	 * audits it; no such link → {@code NOT_FOUND}. In the password's turn
	 * ({@link PasswordWork}), then one transaction.
	 */
	public void unlink(AccountId account, UUID organization, @Nullable String password) {
		this.work.inTransaction(() -> {
			if (linksOf(account).stream().noneMatch((link) -> link.organization().equals(organization))) {
				throw new DomainException(ErrorCode.NOT_FOUND);
			}
			this.settings.checkPassword(account, password);
			int deleted = this.jdbc.sql("DELETE FROM campus_identities WHERE account_id = ? AND organization_id = ?")
				.params(account.value(), organization)
				.update();
			if (deleted == 0) {
				throw new DomainException(ErrorCode.NOT_FOUND);
			}
			this.audit.record(account.value(), "CAMPUS_IDENTITY_UNLINKED", "ACCOUNT", account.toString(),
					Map.of("organizationId", organization.toString()));
			return null;
		});
	}

	/**
	 * @param organization the university (top-level organization) of the provider
	 * @param number the 学号/工号, when the provider's token carried one
	 */
	public record Link(UUID organization, @Nullable String number, Instant linkedAt) {
	}

}
