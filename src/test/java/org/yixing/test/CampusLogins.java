package org.yixing.test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider's side of a campus sign-in, as a browser goes through it: Yixing's
 * {@code /sign-on/{id}} sends it to the provider, whose own login form is filled in and
 * sent; the provider then sends the browser back with a code, which a test may follow,
 * alter or replay.
 */
public final class CampusLogins {

	private static final Pattern FORM_ACTION = Pattern
		.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

	private CampusLogins() {
	}

	/** Where Yixing sends the browser to sign in with this university. */
	public static URI authorization(WebSession browser, String organizationId) {
		WebSession.Page start = browser.get("/sign-on/" + organizationId);
		assertThat(start.status()).as("start of the sign-on").isEqualTo(302);
		return URI.create(start.header("Location"));
	}

	/**
	 * Signs in on the provider's own login page at this authorization address; returns
	 * the callback address it sends the browser to, not yet followed.
	 */
	public static URI atProvider(WebSession browser, URI authorization, String username) {
		WebSession.Page login = browser.send(HttpRequest.newBuilder(authorization).GET());
		if (login.status() == 302) {
			// Still signed in at the provider (its single sign-on): straight back.
			return URI.create(login.header("Location"));
		}
		assertThat(login.status()).as("the provider's login page").isEqualTo(200);
		Matcher action = FORM_ACTION.matcher(login.body());
		assertThat(action.find()).as("the provider's login form").isTrue();
		String body = Map.of("username", username, "password", Keycloak.PASSWORD, "credentialId", "")
			.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		WebSession.Page signedIn = browser
			.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(signedIn.status()).as("the provider's answer to its login form").isEqualTo(302);
		return URI.create(signedIn.header("Location"));
	}

	/** The whole way: start, the provider's login, and back to Yixing's callback. */
	public static WebSession.Page signIn(WebSession browser, String organizationId, String username) {
		URI callback = atProvider(browser, authorization(browser, organizationId), username);
		return browser.send(HttpRequest.newBuilder(callback).GET());
	}

	/** The connection of a new university to the test provider, by platform staff. */
	public static String connectedUniversity(Api api, Organizations organizations, String name, String issuer,
			boolean autoJoin) {
		String university = organizations.createTopLevel(name);
		connect(api, organizations.staffToken(), university, issuer, name + "统一身份认证", autoJoin);
		return university;
	}

	/** Connects this university to the test provider (client {@code yixing}). */
	public static void connect(Api api, String staffToken, String university, String issuer, String label,
			boolean autoJoin) {
		Api.Response connected = api.put("/organizations/" + university + "/campus-sign-on",
				Map.of("issuer", issuer, "clientId", Keycloak.CLIENT_ID, "clientSecret", Keycloak.CLIENT_SECRET,
						"numberClaim", "preferred_username", "label", label, "autoJoin", autoJoin, "enabled", true),
				staffToken);
		assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
	}

	/** A volunteer signed in with the password links this campus user's identity. */
	public static void link(WebSession signedIn, String university, String username) {
		assertThat(signIn(signedIn, university, username).header("Location")).isEqualTo("/me/campus-sign-on?linked");
	}

}
