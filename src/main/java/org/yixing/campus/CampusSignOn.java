package org.yixing.campus;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AccountId;
import org.yixing.identity.CampusIdentities;
import org.yixing.identity.ExternalSignOn;
import org.yixing.identity.PageSignIn;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.organization.SignOnMemberships;
import org.yixing.shared.DomainException;

/**
 * What a campus sign-in leads to (RULES §14), once Spring Security has checked the ID
 * token (signature by the provider's keys, issuer, audience, expiry, nonce) and the
 * state: a linked identity signs its account in; a signed-in volunteer links it; anyone
 * else is asked to sign in with a password or to register, then it links. Every failure
 * goes back to the login page with one message, its reason in the log, nothing linked.
 */
@Component
class CampusSignOn implements AuthenticationSuccessHandler, AuthenticationFailureHandler, ExternalSignOn {

	static final String FAILED = "/login?signOn=failed";

	static final String LINKED = "/me/campus-sign-on?linked";

	private static final Logger log = LoggerFactory.getLogger(CampusSignOn.class);

	private final CampusConnections connections;

	private final CampusIdentities identities;

	private final PendingLinks pending;

	private final PageSignIn signIn;

	private final SignOnMemberships memberships;

	private final OrganizationDirectory organizations;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	CampusSignOn(CampusConnections connections, CampusIdentities identities, PendingLinks pending, PageSignIn signIn,
			SignOnMemberships memberships, OrganizationDirectory organizations, AuditLog audit,
			TransactionTemplate transactions) {
		this.transactions = transactions;
		this.connections = connections;
		this.identities = identities;
		this.pending = pending;
		this.signIn = signIn;
		this.memberships = memberships;
		this.organizations = organizations;
		this.audit = audit;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) {
		String page;
		try {
			OidcUser user = userOf(authentication);
			UUID organization = UUID
				.fromString(((OAuth2AuthenticationToken) authentication).getAuthorizedClientRegistrationId());
			// Read once: whether it is still enabled, and which claim carries the number.
			CampusConnection connection = this.connections.find(organization)
				.filter(CampusConnection::enabled)
				.orElseThrow(() -> new IllegalStateException(
						"the connection of " + organization + " was disabled or removed during the sign-in"));
			page = proven(connection, identityOf(user, connection), request, response);
		}
		catch (DomainException | IllegalStateException ex) {
			log.warn("Campus sign-on refused: {}", ex.getMessage());
			page = FAILED;
		}
		redirect(response, page);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) {
		Throwable cause = (exception.getCause() != null) ? exception.getCause() : exception;
		log.warn("Campus sign-on failed: {}", cause.toString());
		redirect(response, FAILED);
	}

	/**
	 * A relative redirect, as the pages' own (the browser stays on the address it uses).
	 */
	private static void redirect(HttpServletResponse response, String page) {
		response.setStatus(HttpServletResponse.SC_FOUND);
		response.setHeader("Location", page);
	}

	/** Where a proven identity leads. */
	private String proven(CampusConnection connection, Proven identity, HttpServletRequest request,
			HttpServletResponse response) {
		Optional<AccountId> linked = this.identities.accountOf(identity.issuer(), identity.subject());
		Optional<AccountId> current = this.signIn.signedIn(request);
		if (linked.isPresent()) {
			if (current.isPresent() && !current.get().equals(linked.get())) {
				throw new IllegalStateException("the identity " + identity.subject() + " of " + identity.issuer()
						+ " is linked to another account than the one signed in");
			}
			this.identities.refreshNumber(identity.issuer(), identity.subject(), identity.number());
			return this.signIn.signIn(linked.get(), request, response);
		}
		if (current.isPresent()) {
			link(current.get(), connection, identity);
			return LINKED;
		}
		this.pending.hold(new PendingLinks.Pending(identity.organization(), identity.issuer(), identity.subject(),
				identity.number()), request, response);
		return "/login?signOn=link";
	}

	/**
	 * Links, joins the university when its connection says so, and audits both, in one
	 * transaction.
	 */
	private void link(AccountId account, CampusConnection connection, Proven identity) {
		this.transactions.executeWithoutResult((status) -> linkAndJoin(account, connection, identity));
	}

	private void linkAndJoin(AccountId account, CampusConnection connection, Proven identity) {
		boolean made = this.identities.link(account, identity.organization(), identity.issuer(), identity.subject(),
				identity.number());
		if (made) {
			this.audit.record(account.value(), "CAMPUS_IDENTITY_LINKED", "ACCOUNT", account.toString(),
					Map.of("organizationId", identity.organization().toString()));
			if (connection.autoJoin()) {
				this.memberships.join(account, new OrganizationId(identity.organization()));
			}
		}
	}

	private static OidcUser userOf(Authentication authentication) {
		if (!(authentication instanceof OAuth2AuthenticationToken token)
				|| !(token.getPrincipal() instanceof OidcUser user)) {
			throw new IllegalStateException("not an OpenID Connect sign-in: " + authentication.getClass());
		}
		return user;
	}

	private static Proven identityOf(OidcUser user, CampusConnection connection) {
		Object number = user.getClaims().get(connection.numberClaim());
		String issuer = user.getIdToken().getIssuer().toString();
		return new Proven(connection.organization(), issuer, user.getSubject(),
				(number != null && !number.toString().isBlank()) ? number.toString().strip() : null);
	}

	private record Proven(UUID organization, String issuer, String subject, @Nullable String number) {
	}

	// ExternalSignOn, for the sign-in pages and /me

	@Override
	public List<Option> options() {
		return this.connections.enabled()
			.stream()
			.map((connection) -> new Option(connection.label(), "/sign-on/" + connection.registrationId()))
			.toList();
	}

	@Override
	public boolean linkPending(HttpServletRequest request) {
		return this.pending.present(request);
	}

	@Override
	public Optional<String> afterSignIn(AccountId account, HttpServletRequest request, HttpServletResponse response) {
		Optional<PendingLinks.Pending> waiting = this.pending.take(request, response);
		if (waiting.isEmpty()) {
			return Optional.empty();
		}
		PendingLinks.Pending identity = waiting.get();
		Optional<CampusConnection> connection = this.connections.find(identity.organization())
			.filter(CampusConnection::enabled);
		try {
			if (connection.isEmpty()) {
				throw new IllegalStateException("the connection of " + identity.organization() + " was disabled");
			}
			link(account, connection.get(),
					new Proven(identity.organization(), identity.issuer(), identity.subject(), identity.number()));
			return Optional.of(LINKED);
		}
		catch (DomainException | IllegalStateException ex) {
			log.warn("Campus identity not linked after sign-in: {}", ex.getMessage());
			return Optional.of("/me/campus-sign-on?failed");
		}
	}

	@Override
	public Map<UUID, String> universityNames(Collection<UUID> organizations) {
		Map<UUID, String> names = new java.util.HashMap<>();
		for (UUID id : organizations) {
			this.organizations.find(new OrganizationId(id)).ifPresent((o) -> names.put(id, o.name()));
		}
		return names;
	}

}
