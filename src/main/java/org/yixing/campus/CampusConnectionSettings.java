package org.yixing.campus;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Platform staff connect a university (a top-level organization) to its provider: the
 * settings checked, the secret sealed and never shown again, the change audited. The
 * provider's document is read on each save, so that a wrong issuer is said at once.
 */
@Service
class CampusConnectionSettings {

	private final CampusConnections connections;

	private final CampusRegistrations registrations;

	private final OrganizationDirectory organizations;

	private final AuditLog audit;

	private final Clock clock;

	CampusConnectionSettings(CampusConnections connections, CampusRegistrations registrations,
			OrganizationDirectory organizations, AuditLog audit, Clock clock) {
		this.connections = connections;
		this.registrations = registrations;
		this.organizations = organizations;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	View connect(AuthenticatedAccount caller, UUID organization, Request request) {
		university(organization);
		CampusConnection connection = CampusConnection.of(organization, request.issuer(), request.clientId(),
				request.numberClaim(), request.label(), Boolean.TRUE.equals(request.autoJoin()),
				!Boolean.FALSE.equals(request.enabled()), this.clock.instant());
		String secret = (request.clientSecret() != null && !request.clientSecret().isBlank())
				? CampusConnection.required("clientSecret", request.clientSecret(), CampusConnection.MAX_LENGTH) : null;
		if (!this.connections.save(connection, secret)) {
			throw DomainException.invalidField("clientSecret", "campus.clientSecret.invalid");
		}
		this.audit.record(caller.id().value(), "CAMPUS_SIGN_ON_CONNECTED", "ORGANIZATION", organization.toString(),
				Map.of("issuer", connection.issuer(), "clientId", connection.clientId(), "enabled",
						connection.enabled(), "autoJoin", connection.autoJoin()));
		// Saved even when the provider cannot be read now (it may be down for a while, or
		// not yet open to this server): the answer says so, and sign-ins fail until it
		// can.
		this.registrations.forget(connection.issuer());
		boolean reachable;
		try {
			this.registrations.discover(connection.issuer());
			reachable = true;
		}
		catch (CampusRegistrations.ProviderUnavailable ex) {
			reachable = false;
		}
		View saved = view(organization);
		return new View(saved.organizationId(), saved.issuer(), saved.clientId(), saved.numberClaim(), saved.label(),
				saved.autoJoin(), saved.enabled(), saved.redirectPath(), reachable);
	}

	View view(UUID organization) {
		university(organization);
		return this.connections.find(organization)
			.map((c) -> new View(c.organization().toString(), c.issuer(), c.clientId(), c.numberClaim(), c.label(),
					c.autoJoin(), c.enabled(), CampusRegistrations.CALLBACK, null))
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
	}

	/** Only a top-level organization (a university) has a provider; none → 404. */
	private void university(UUID organization) {
		OrganizationDirectory.OrganizationSummary found = this.organizations.find(new OrganizationId(organization))
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (found.parentId() != null) {
			throw DomainException.invalidField("organizationId", "campus.organization.notTopLevel");
		}
	}

	/**
	 * @param clientSecret required the first time; left out afterwards, the stored one
	 * stays
	 * @param autoJoin default false
	 * @param enabled default true
	 */
	record Request(@Nullable String issuer, @Nullable String clientId, @Nullable String clientSecret,
			@Nullable String numberClaim, @Nullable String label, @Nullable Boolean autoJoin,
			@Nullable Boolean enabled) {
	}

	/**
	 * @param redirectPath the path of the redirect URI to register with the provider,
	 * after the public address
	 * @param providerReachable on saving: whether the issuer's discovery document could
	 * be read just now (absent when only read)
	 */
	record View(String organizationId, String issuer, String clientId, String numberClaim, String label,
			boolean autoJoin, boolean enabled, String redirectPath, @Nullable Boolean providerReachable) {
	}

}
