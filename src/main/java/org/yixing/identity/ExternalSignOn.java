package org.yixing.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the sign-in pages and {@code /me} need from campus sign-on (RULES §14), which
 * lives in a module of its own above this one: implemented there, absent without it.
 */
public interface ExternalSignOn {

	/** The buttons beside the password form: one per enabled connection. */
	List<Option> options();

	/**
	 * Whether this browser holds a campus identity waiting for its holder to sign in with
	 * a password or register.
	 */
	boolean linkPending(HttpServletRequest request);

	/**
	 * After a password sign-in or a registration: links the identity waiting in this
	 * browser, if any, and says where to go to see it.
	 */
	Optional<String> afterSignIn(AccountId account, HttpServletRequest request, HttpServletResponse response);

	/** The names of these universities, by id. */
	Map<UUID, String> universityNames(Collection<UUID> organizations);

	/**
	 * @param label what the button says, e.g. 「示例大学统一身份认证登录」
	 * @param href where it starts the sign-in
	 */
	record Option(String label, String href) {
	}

}
