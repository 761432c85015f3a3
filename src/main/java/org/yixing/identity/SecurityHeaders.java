package org.yixing.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.yixing.shared.web.MapSettings;

/**
 * The response headers every page and API answer carries: a Content-Security-Policy
 * without inline script, no framing, no MIME sniffing, no referrer beyond the origin,
 * geolocation and the camera for this origin only, and HSTS when served over HTTPS
 * (Spring Security writes it for secure requests only).
 */
final class SecurityHeaders {

	/**
	 * Pages: scripts only from this origin (htmx, Leaflet and our own files are served
	 * here); inline style attributes stay allowed, inline script does not. Map tiles may
	 * come from the configured tile server.
	 */
	static String pagePolicy(MapSettings map) {
		String tiles = tileOrigin(map.tiles());
		return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:"
				+ (tiles.isEmpty() ? "" : " " + tiles)
				+ "; connect-src 'self'; font-src 'self'; media-src 'self' blob:; worker-src 'self'; manifest-src 'self'; "
				+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
	}

	/** The API answers JSON and files: nothing in them may run or be framed. */
	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

	/** Swagger UI loads its bundle and stylesheet from this origin. */
	static final String SWAGGER_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
			+ "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

	static final String PERMISSIONS = "geolocation=(self), camera=(self), microphone=(), payment=(), usb=()";

	private SecurityHeaders() {
	}

	static Customizer<HeadersConfigurer<HttpSecurity>> with(String policy) {
		return (headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(policy))
			.frameOptions((frame) -> frame.deny())
			.contentTypeOptions(Customizer.withDefaults())
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.permissionsPolicyHeader((permissions) -> permissions.policy(PERMISSIONS))
			.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000));
	}

	/** {@code https://tiles.example.org} of a Leaflet URL template, or empty. */
	static String tileOrigin(String template) {
		if (template == null || template.isBlank()) {
			return "";
		}
		Matcher matcher = ORIGIN.matcher(template.strip());
		if (!matcher.lookingAt()) {
			return "";
		}
		String host = matcher.group(2);
		if (host.contains("{")) {
			// {s}.tile.example.org: any subdomain of the rest
			int dot = host.indexOf('.', host.lastIndexOf('}'));
			if (dot < 0) {
				return "";
			}
			host = "*" + host.substring(dot);
		}
		return matcher.group(1) + "://" + host;
	}

	private static final Pattern ORIGIN = Pattern.compile("(https?)://([A-Za-z0-9.\\-{}]+(?::[0-9]+)?)");

}
