package org.yixing.campus;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.yixing.shared.web.LongWaits;

/**
 * Spring Security's OpenID Connect login on {@code /sign-on/**} (docs/ARCHITECTURE.md):
 * started at {@code /sign-on/{organizationId}}, answered at {@code /sign-on/callback},
 * with PKCE, {@code state} and {@code nonce}; requests in flight kept by
 * {@link SignOnRequests}, no session and no authorized client kept anywhere (Yixing signs
 * the browser in with its own page session and never calls the provider's APIs).
 */
@Configuration(proxyBeanMethods = false)
class CampusSignOnSecurity {

	static final String START = "/sign-on";

	@Bean
	@Order(1)
	SecurityFilterChain signOnFilterChain(HttpSecurity http, CampusRegistrations registrations, SignOnRequests requests,
			CampusSignOn signOn, LongWaits waits) throws Exception {
		OAuth2AuthorizationRequestResolver resolver = startsOnly(registrations);
		return http.securityMatcher(START + "/**")
			// mostly waits for the identity provider (discovery, token, keys, user info)
			.addFilterBefore(waits::aside, DisableEncodeUrlFilter.class)
			.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requestsAllowed) -> requestsAllowed.anyRequest().permitAll())
			.oauth2Login((login) -> login.loginPage("/login")
				.clientRegistrationRepository(registrations)
				.authorizedClientRepository(new NothingKept())
				.authorizationEndpoint((start) -> start.authorizationRequestResolver(resolver)
					.authorizationRequestRepository(requests))
				.redirectionEndpoint((callback) -> callback.baseUri(CampusRegistrations.CALLBACK))
				.tokenEndpoint((token) -> token.accessTokenResponseClient(tokenClient()))
				.successHandler(signOn)
				.failureHandler(signOn)
				.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
					@Override
					public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
						// A provider down or a connection disabled: back to the login
						// page.
						filter.setAuthenticationFailureHandler(signOn);
						return filter;
					}
				}))
			.build();
	}

	/**
	 * Starts at {@code /sign-on/{organizationId}}, with PKCE; {@code /sign-on/callback}
	 * is no university.
	 */
	private static OAuth2AuthorizationRequestResolver startsOnly(CampusRegistrations registrations) {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, START);
		resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		return new OAuth2AuthorizationRequestResolver() {
			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
				return isCallback(request) ? null : resolver.resolve(request);
			}

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
				return isCallback(request) ? null : resolver.resolve(request, registrationId);
			}
		};
	}

	private static boolean isCallback(HttpServletRequest request) {
		return CampusRegistrations.CALLBACK.equals(request.getRequestURI());
	}

	/**
	 * The token request, its client made at the first sign-on: Spring Security's client
	 * first builds a default one on the JDK's HTTP client, whose TLS set-up (the trust
	 * store, some 400 classes) would otherwise cost every start about 0.15 s.
	 */
	private static OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient() {
		SingletonSupplier<RestClientAuthorizationCodeTokenResponseClient> client = SingletonSupplier
			.of(CampusSignOnSecurity::timeLimitedTokenClient);
		return (request) -> client.obtain().getTokenResponse(request);
	}

	/** The token request with time limits: a provider that hangs fails the sign-in. */
	private static RestClientAuthorizationCodeTokenResponseClient timeLimitedTokenClient() {
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		factory.setConnectTimeout(CampusRegistrations.TIMEOUT);
		factory.setReadTimeout(Duration.ofSeconds(10));
		RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(RestClient.builder()
			.requestFactory(factory)
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build());
		return client;
	}

	/** No authorized client is kept: Yixing never calls the provider after sign-in. */
	private static final class NothingKept implements OAuth2AuthorizedClientRepository {

		@Override
		public <T extends org.springframework.security.oauth2.client.OAuth2AuthorizedClient> T loadAuthorizedClient(
				String clientRegistrationId, org.springframework.security.core.Authentication principal,
				HttpServletRequest request) {
			return null;
		}

		@Override
		public void saveAuthorizedClient(org.springframework.security.oauth2.client.OAuth2AuthorizedClient client,
				org.springframework.security.core.Authentication principal, HttpServletRequest request,
				jakarta.servlet.http.HttpServletResponse response) {
		}

		@Override
		public void removeAuthorizedClient(String clientRegistrationId,
				org.springframework.security.core.Authentication principal, HttpServletRequest request,
				jakarta.servlet.http.HttpServletResponse response) {
		}

	}

}
