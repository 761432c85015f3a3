package org.yixing.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.core.MethodParameter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.core.Ordered;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Problems;
import org.yixing.shared.web.MapSettings;

/**
 * Spring Security for the API: bearer tokens resolved to an {@link AuthenticatedAccount};
 * endpoints declare that they need one by taking it as a parameter, so unknown paths stay
 * 404 and public endpoints need no list here.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

	static {
		// ... nor of any request body (springdoc would describe it as a multipart form
		// part).
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedAccount.class);
	}

	/**
	 * The caller comes from the bearer token, never from the request's parameters: it is
	 * no part of any operation in the OpenAPI document (plain or {@code Optional}).
	 */
	@Bean
	OperationCustomizer callerIsNoParameter() {
		return (operation, handler) -> {
			// Who may call: an operation whose handler takes no caller is public (no
			// security), one that takes an Optional caller answers anyone and more to a
			// bearer, every other one needs the bearer token (the document's default).
			boolean takesCaller = false;
			boolean callerOptional = false;
			for (MethodParameter parameter : handler.getMethodParameters()) {
				if (parameter.nestedIfOptional().getNestedParameterType().equals(AuthenticatedAccount.class)) {
					takesCaller = true;
					callerOptional = parameter.isOptional();
				}
			}
			if (!takesCaller) {
				operation.setSecurity(java.util.List.of());
			}
			else if (callerOptional) {
				operation.setSecurity(java.util.List.of(new io.swagger.v3.oas.models.security.SecurityRequirement(),
						new io.swagger.v3.oas.models.security.SecurityRequirement().addList("bearer")));
			}
			if (operation.getParameters() != null) {
				java.util.Set<String> hidden = new java.util.HashSet<>();
				for (MethodParameter parameter : handler.getMethodParameters()) {
					if (parameter.nestedIfOptional().getNestedParameterType().equals(AuthenticatedAccount.class)) {
						parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
						hidden.add(parameter.getParameterName());
					}
				}
				operation.getParameters().removeIf((p) -> hidden.contains(p.getName()));
				if (operation.getParameters().isEmpty()) {
					operation.setParameters(null);
				}
			}
			return operation;
		};
	}

	static final String BEARER = "Bearer ";

	/** Served by the stateless bearer-token chain; everything else is a page. */
	static final String[] API = { "/api/**", "/actuator/**", "/v3/**" };

	/** Swagger UI: static pages that read {@code /v3/api-docs}. */
	static final String[] SWAGGER_UI = { "/swagger-ui/**", "/swagger-ui.html" };

	@Bean
	@Order(0)
	SecurityFilterChain swaggerUiSecurity(HttpSecurity http) throws Exception {
		return http.securityMatcher(SWAGGER_UI)
			.headers(SecurityHeaders.with(SecurityHeaders.SWAGGER_POLICY))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.authorizeHttpRequests((ui) -> ui.anyRequest().permitAll())
			.build();
	}

	/** Pages and assets that need no sign-in. */
	static final String[] PUBLIC_PAGES = { "/", "/login", "/register", "/register/**", "/forgot-password",
			"/forgot-password/**", "/help", "/offline", "/lang", "/manifest.webmanifest", "/sw.js", "/assets/**",
			"/webjars/**", "/favicon.ico", "/error", "/verify", "/verify/**", "/region", "/region/**", "/sms-code",
			// an activity's page: a preview before signing in (attendance/ActivityPages)
			"/activities/*" };

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, AccessTokens tokens, Problems problems) throws Exception {
		return http.securityMatcher(API)
			.headers(SecurityHeaders.with(SecurityHeaders.API_POLICY))
			.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			// Stateless bearer tokens; who may do what is decided per endpoint
			// (CurrentAccountResolver, the modules' policies), so no session,
			// no anonymous token, no request wrapper and no URL authorization
			// filter run per request.
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.anonymous((anonymous) -> anonymous.disable())
			.servletApi((servletApi) -> servletApi.disable())
			.addFilterBefore(new BearerTokenFilter(tokens, problems), UsernamePasswordAuthenticationFilter.class)
			.exceptionHandling((handling) -> handling
				.authenticationEntryPoint(
						(request, response, ex) -> problems.write(request, response, ErrorCode.UNAUTHENTICATED))
				.accessDeniedHandler((request, response, ex) -> problems.write(request, response, ErrorCode.FORBIDDEN)))
			.build();
	}

	/**
	 * Pages: signed in by the {@link PageSessions} cookie, CSRF tokens on every form and
	 * htmx request (kept in a cookie, so that no node holds a session), and the sign-in
	 * page for anyone not signed in.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain pageSecurity(HttpSecurity http, PageSessions sessions, MapSettings map) throws Exception {
		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookieCustomizer((cookie) -> cookie.sameSite("Lax"));
		// Every page request signs in anew from the cookie: that is no new sign-in to
		// rotate the CSRF token for (it would be replaced under every open page).
		return http.headers(SecurityHeaders.with(SecurityHeaders.pagePolicy(map)))
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens)
				.sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new PageSessionFilter(sessions), UsernamePasswordAuthenticationFilter.class)
			.addFilterAfter(new CsrfTokenLoader(), CsrfFilter.class)
			.authorizeHttpRequests(
					(pages) -> pages.requestMatchers(PUBLIC_PAGES).permitAll().anyRequest().authenticated())
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(SecurityConfiguration::toSignIn))
			.build();
	}

	/**
	 * The sign-in page, and back here afterwards. An htmx request is told to load it as a
	 * whole page rather than swap it into a part of the current one.
	 */
	private static void toSignIn(HttpServletRequest request, HttpServletResponse response,
			org.springframework.security.core.AuthenticationException ex) throws java.io.IOException {
		if ("true".equals(request.getHeader("HX-Request"))) {
			// Back to the page the request came from, not to the fragment it asked for.
			String page = "/";
			try {
				java.net.URI current = java.net.URI.create(String.valueOf(request.getHeader("HX-Current-URL")));
				page = (current.getRawPath() != null) ? current.getRawPath() : "/";
			}
			catch (IllegalArgumentException malformed) {
				// back to the home page
			}
			response.setHeader("HX-Redirect", "/login?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		response.sendRedirect("/login?next=" + URLEncoder.encode(pathAndQuery(request), StandardCharsets.UTF_8));
	}

	private static String pathAndQuery(HttpServletRequest request) {
		return request.getRequestURI() + ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
	}

	/**
	 * No observations of Spring Security's own filters: wrapping each filter of every
	 * request in an observation cost more CPU than the check-in logic itself
	 * (docs/PERFORMANCE.md); {@code http.server.requests} still measures every request.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** Spring Security's firewall for every chain, its header checks as loops. */
	@Bean
	WebSecurityCustomizer firewall() {
		StrictHttpFirewall firewall = HeaderFirewall.create();
		return (web) -> web.httpFirewall(firewall);
	}

	/**
	 * Argon2id with Spring Security's current defaults (RULES §1: slow, salted), one hash
	 * per turn ({@link PasswordWork}).
	 */
	@Bean
	PasswordEncoder passwordEncoder(PasswordWork work) {
		return work.encoder(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CurrentAccountResolver());
	}

	/**
	 * Sign-in and role first, before any argument is bound (see {@link CallerChecks}).
	 */
	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new CallerChecks()).addPathPatterns("/api/**").order(Ordered.HIGHEST_PRECEDENCE);
	}

	/** The raw bearer token of the request, for logout and "revoke all but this one". */
	static String bearerToken(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? header.substring(BEARER.length()).trim() : "";
	}

	static final String PASSWORD_PAGE = "/me/password";

}
