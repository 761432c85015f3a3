package org.yixing.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Signing a browser in on another's word: a campus identity provider's (RULES §14). The
 * same page sessions as a password sign-in, the same lock-out (a locked account stays
 * locked) and the same first page for an account that must change its password. And
 * signing it out, after an erasure.
 */
@Service
public class PageSignIn {

	private final PageSessions sessions;

	private final Accounts accounts;

	private final Clock clock;

	PageSignIn(PageSessions sessions, Accounts accounts, Clock clock) {
		this.sessions = sessions;
		this.accounts = accounts;
		this.clock = clock;
	}

	/** Who is signed in on this browser, if anyone. */
	public Optional<AccountId> signedIn(HttpServletRequest request) {
		return this.sessions.authenticate(request).map(AuthenticatedAccount::id);
	}

	/**
	 * Signs the browser in as this account, to stay signed in as after a password
	 * sign-in; a locked account → {@code ACCOUNT_LOCKED}.
	 * @return the page to go to first
	 */
	@Transactional
	public String signIn(AccountId id, HttpServletRequest request, HttpServletResponse response) {
		Instant now = this.clock.instant();
		Account account = this.accounts.lockById(id)
			.orElseThrow(() -> new DomainException(ErrorCode.CAMPUS_SIGN_ON_FAILED));
		if (account.isLockedAt(now)) {
			throw Logins.locked(account.lockedUntil(), now);
		}
		this.sessions.signInAs(id, true, request, response);
		return account.mustChangePassword() ? SecurityConfiguration.PASSWORD_PAGE : "/";
	}

	/** Ends this browser's page session, as 退出登录 does. */
	public void signOut(HttpServletRequest request, HttpServletResponse response) {
		this.sessions.signOut(request, response);
	}

}
