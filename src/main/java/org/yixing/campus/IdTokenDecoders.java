package org.yixing.campus;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.stereotype.Component;

/**
 * Spring Security's ID token checks (signature by the provider's published keys, issuer,
 * audience, expiry, issue time; the nonce is checked by its login provider), on the
 * application clock like every other rule. A decoder is kept per registration as it
 * stands: a connection given another issuer or client gets a new one.
 */
@Component
class IdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

	private final Clock clock;

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	IdTokenDecoders(Clock clock) {
		this.clock = clock;
	}

	@Override
	public JwtDecoder createDecoder(ClientRegistration registration) {
		String key = String.join("|", registration.getRegistrationId(), registration.getClientId(),
				String.valueOf(registration.getProviderDetails().getIssuerUri()),
				registration.getProviderDetails().getJwkSetUri());
		return this.decoders.computeIfAbsent(key, (k) -> {
			OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
			factory.setJwtValidatorFactory((client) -> {
				JwtTimestampValidator timestamps = new JwtTimestampValidator();
				timestamps.setClock(this.clock);
				OidcIdTokenValidator idToken = new OidcIdTokenValidator(client);
				idToken.setClock(this.clock);
				return new DelegatingOAuth2TokenValidator<>(timestamps, idToken);
			});
			return factory.createDecoder(registration);
		});
	}

}
