package org.yixing.campus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.yixing.shared.web.LongWaits;
import org.yixing.shared.web.PublicAddress;

/**
 * Spring Security's client registrations, built at run time from the stored connections
 * (one per university, its id the registration id): the provider's endpoints from its
 * {@code .well-known} document, read with a time limit and kept for ten minutes, and only
 * for a connection that is enabled. A provider that cannot be read gives no registration,
 * which Spring Security turns into a failed sign-in.
 */
@Component
class CampusRegistrations implements ClientRegistrationRepository {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CampusRegistrations.class);

	static final String CALLBACK = "/sign-on/callback";

	static final Duration DISCOVERY_KEPT = Duration.ofMinutes(10);

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final CampusConnections connections;

	private final PublicAddress publicAddress;

	private final Clock clock;

	/** Made at the first discovery: most servers connect no university. */
	private final SingletonSupplier<HttpClient> http = SingletonSupplier
		.of(() -> HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build());

	private final Map<String, Discovered> discovered = new ConcurrentHashMap<>();

	private final LongWaits waits;

	CampusRegistrations(CampusConnections connections, PublicAddress publicAddress, Clock clock, LongWaits waits) {
		this.connections = connections;
		this.waits = waits;
		this.publicAddress = publicAddress;
		this.clock = clock;
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		UUID organization;
		try {
			organization = UUID.fromString(registrationId);
		}
		catch (IllegalArgumentException notAnId) {
			return null;
		}
		CampusConnection connection = this.connections.find(organization)
			.filter(CampusConnection::enabled)
			.orElse(null);
		if (connection == null) {
			return null;
		}
		OIDCProviderMetadata provider;
		try {
			provider = discover(connection.issuer());
		}
		catch (ProviderUnavailable ex) {
			// No registration: Spring Security fails the sign-in, which goes back to the
			// login page.
			log.warn("Campus sign-on provider of {} unavailable: {}", organization, ex.getMessage());
			return null;
		}
		return ClientRegistration.withRegistrationId(connection.registrationId())
			.clientId(connection.clientId())
			.clientSecret(this.connections.secretOf(organization))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(this.publicAddress.base() + CALLBACK)
			.scope("openid", "profile")
			.authorizationUri(provider.getAuthorizationEndpointURI().toString())
			.tokenUri(provider.getTokenEndpointURI().toString())
			.jwkSetUri(provider.getJWKSetURI().toString())
			.userInfoUri(
					(provider.getUserInfoEndpointURI() != null) ? provider.getUserInfoEndpointURI().toString() : null)
			.issuerUri(connection.issuer())
			.userNameAttributeName(IdTokenClaimNames.SUB)
			.clientName(connection.label())
			.build();
	}

	/**
	 * The provider's metadata, read from its issuer's {@code .well-known} document (kept
	 * for ten minutes); it must name the same issuer (OpenID Connect Discovery §4.3).
	 * Unreadable → {@link ProviderUnavailable}.
	 */
	OIDCProviderMetadata discover(String issuer) {
		Instant now = this.clock.instant();
		Discovered known = this.discovered.get(issuer);
		if (known != null && now.isBefore(known.until())) {
			return known.metadata();
		}
		URI document = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
		try {
			HttpResponse<String> response = this.waits.send(this.http.obtain(),
					HttpRequest.newBuilder(document).timeout(TIMEOUT).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new ProviderUnavailable(document + " answered " + response.statusCode());
			}
			OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(response.body());
			if (!issuer.equals(metadata.getIssuer().getValue())) {
				throw new ProviderUnavailable(document + " names another issuer: " + metadata.getIssuer());
			}
			this.discovered.put(issuer, new Discovered(metadata, now.plus(DISCOVERY_KEPT)));
			return metadata;
		}
		catch (IOException | ParseException | IllegalArgumentException ex) {
			throw new ProviderUnavailable(document + ": " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProviderUnavailable(document + ": interrupted");
		}
	}

	/** Forgets what was read about this issuer (its connection changed). */
	void forget(String issuer) {
		this.discovered.remove(issuer);
	}

	private record Discovered(OIDCProviderMetadata metadata, Instant until) {
	}

	/** The provider's discovery document could not be read or was not valid. */
	static final class ProviderUnavailable extends RuntimeException {

		ProviderUnavailable(String message) {
			super(message);
		}

	}

}
