package org.yixing.campus;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.yixing.shared.DomainException;

/**
 * A university's connection to its identity provider (RULES §14), as stored; its client
 * secret is sealed apart and never leaves the server.
 *
 * @param issuer the OpenID Connect issuer, whose {@code .well-known} document is read
 * @param numberClaim the claim of the ID token (or user info) that carries the 学号/工号
 * @param label what the button says before 「登录」
 * @param autoJoin whether a linked volunteer becomes a member of the university at once
 */
record CampusConnection(UUID organization, String issuer, String clientId, String numberClaim, String label,
		boolean autoJoin, boolean enabled, Instant updatedAt) {

	static final int MAX_LENGTH = 200;

	static final int MAX_LABEL = 30;

	/**
	 * The settings as given, checked: each field in its limits, the issuer an http(s)
	 * URL.
	 */
	static CampusConnection of(UUID organization, @Nullable String issuer, @Nullable String clientId,
			@Nullable String numberClaim, @Nullable String label, boolean autoJoin, boolean enabled, Instant now) {
		String checkedIssuer = required("issuer", issuer, MAX_LENGTH);
		try {
			URI uri = URI.create(checkedIssuer);
			if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
				throw DomainException.invalidField("issuer", "campus.issuer.invalid");
			}
		}
		catch (IllegalArgumentException malformed) {
			throw DomainException.invalidField("issuer", "campus.issuer.invalid");
		}
		return new CampusConnection(organization, checkedIssuer, required("clientId", clientId, MAX_LENGTH),
				required("numberClaim", numberClaim, MAX_LENGTH), required("label", label, MAX_LABEL), autoJoin,
				enabled, now);
	}

	static String required(String field, @Nullable String value, int max) {
		String stripped = (value != null) ? value.strip() : "";
		if (stripped.isEmpty() || stripped.length() > max) {
			throw DomainException.invalidField(field, "campus." + field + ".invalid");
		}
		return stripped;
	}

	/** The registration id of its Spring Security client: the university's id. */
	String registrationId() {
		return this.organization.toString();
	}

}
