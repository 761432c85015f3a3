package org.yixing.identity;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * What another module asks of an account before an act only its holder may take: their
 * password again (wrong ones count toward the lock-out), and, inside the act's
 * transaction, the account held still while it happens.
 */
@Service
public class Reauthentication {

	private final AccountSettings settings;

	private final Accounts accounts;

	Reauthentication(AccountSettings settings, Accounts accounts) {
		this.settings = settings;
		this.accounts = accounts;
	}

	/** The holder's current password, or {@code BAD_CREDENTIALS} (or a lock-out). */
	public void confirm(AccountId id, @Nullable String password) {
		this.settings.checkPassword(id, password);
	}

	/**
	 * Locks the account's row for its erasure, in the caller's transaction. Staff are
	 * refused ({@code FORBIDDEN}): the platform must keep someone who can act, so staff
	 * leave through another staff member.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void holdForErasure(AccountId id) {
		Account account = this.accounts.lockById(id).orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED));
		if (account.staff()) {
			throw new DomainException(ErrorCode.FORBIDDEN);
		}
	}

}
