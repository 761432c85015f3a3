package org.yixing.campus;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.util.UriComponentsBuilder;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.CampusLogins;
import org.yixing.test.Keycloak;
import org.yixing.test.Organizations;
import org.yixing.test.TcpProxy;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campus sign-on through the HTTP API and the callback (RULES §14), against a real
 * Keycloak: linking, and every failure returning to the login page with nothing linked.
 */
@ApiTest
class CampusSignOnApiTests {

	static final String FAILED = "/login?signOn=failed";

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	final Keycloak keycloak = Keycloak.started();

	@AfterEach
	void realTime() {
		this.api.delete("/dev/clock", null);
	}

	@Test
	void staffConnectAUniversityAndItsSecretIsNeverReturned() {
		Organizations organizations = new Organizations(this.api);
		String university = CampusLogins.connectedUniversity(this.api, organizations, "连接大学", this.keycloak.issuer(),
				false);
		Api.Response read = this.api.get("/organizations/" + university + "/campus-sign-on",
				organizations.staffToken());
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.field("clientId")).isEqualTo(Keycloak.CLIENT_ID);
		assertThat(read.field("redirectPath")).isEqualTo("/sign-on/callback");
		assertThat(read.text()).doesNotContain(Keycloak.CLIENT_SECRET).doesNotContain("clientSecret");
		// The secret may be left out to keep it; an unreachable issuer is said at once.
		Api.Response kept = this.api.put("/organizations/" + university + "/campus-sign-on",
				Map.of("issuer", this.keycloak.issuer(), "clientId", Keycloak.CLIENT_ID, "numberClaim",
						"preferred_username", "label", "连接大学统一身份认证", "autoJoin", true),
				organizations.staffToken());
		assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
		assertThat(kept.body().get("autoJoin").asBoolean()).isTrue();
		Api.Response unreachable = this.api.put("/organizations/" + university + "/campus-sign-on",
				Map.of("issuer", "http://127.0.0.1:1/realms/none", "clientId", "x", "numberClaim", "sub", "label", "无"),
				organizations.staffToken());
		assertThat(unreachable.status()).isEqualTo(400);
		assertThat(unreachable.code()).isEqualTo("VALIDATION_FAILED");
		// Not for a college, nor for a volunteer.
		String college = organizations.create(organizations.staffToken(), university, "学院", "420111", "LISTED");
		assertThat(this.api.get("/organizations/" + college + "/campus-sign-on", organizations.staffToken()).status())
			.isEqualTo(400);
		String volunteer = new Volunteers(this.api).register().token();
		assertThat(this.api.get("/organizations/" + university + "/campus-sign-on", volunteer).code())
			.isEqualTo("FORBIDDEN");
	}

	@Test
	void aFirstSignInLinksAfterThePasswordAndLaterOnesGoStraightIn() {
		Organizations organizations = new Organizations(this.api);
		String university = CampusLogins.connectedUniversity(this.api, organizations, "首次大学", this.keycloak.issuer(),
				false);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		WebSession browser = new WebSession(this.port);
		WebSession.Page back = CampusLogins.signIn(browser, university, "2023010101");
		assertThat(back.header("Location")).isEqualTo("/login?signOn=link");
		assertThat(browser.get("/login?signOn=link").body()).contains("学校账号已验证");
		WebSession.Page signedIn = browser.post("/login",
				Map.of("account", volunteer.idNumber(), "password", Volunteers.PASSWORD, "next", "/"));
		assertThat(signedIn.header("Location")).endsWith("/me/campus-sign-on?linked");
		Api.Response me = this.api.get("/me", volunteer.token());
		assertThat(me.body().get("campusIdentities")).hasSize(1);
		assertThat(me.body().get("campusIdentities").get(0).get("number").asText()).isEqualTo("2023010101");
		assertThat(me.body().get("campusIdentities").get(0).get("organizationName").asText()).isEqualTo("首次大学");
		// Another browser, nobody signed in: straight in.
		WebSession later = new WebSession(this.port);
		WebSession.Page direct = CampusLogins.signIn(later, university, "2023010101");
		assertThat(direct.header("Location")).isEqualTo("/");
		assertThat(later.get("/me").status()).isEqualTo(200);
	}

	@Test
	void aTamperedStateOrAForgedCallbackSignsNobodyIn() {
		String university = CampusLogins.connectedUniversity(this.api, new Organizations(this.api), "篡改大学",
				this.keycloak.issuer(), false);
		WebSession browser = new WebSession(this.port);
		URI callback = CampusLogins.atProvider(browser, CampusLogins.authorization(browser, university), "2023010102");
		URI tampered = UriComponentsBuilder.fromUri(callback).replaceQueryParam("state", "tampered").build().toUri();
		assertThat(browser.send(HttpRequest.newBuilder(tampered).GET()).header("Location")).isEqualTo(FAILED);
		URI forged = URI.create(browser.baseUrl() + "/sign-on/callback?code=forged&state=forged");
		assertThat(browser.get(forged.getRawPath() + "?" + forged.getRawQuery()).header("Location")).isEqualTo(FAILED);
		// A cancelled login comes back with the provider's error.
		URI cancelled = UriComponentsBuilder.fromUri(callback)
			.replaceQueryParam("code")
			.replaceQueryParam("error", "access_denied")
			.build()
			.toUri();
		assertThat(browser.send(HttpRequest.newBuilder(cancelled).GET()).header("Location")).isEqualTo(FAILED);
		assertThat(browser.get("/login?signOn=failed").body()).contains("统一身份认证失败，请重试或使用密码登录");
		assertThat(browser.get("/me").status()).as("nobody signed in").isEqualTo(302);
	}

	@Test
	void aReplayedCallbackIsRefused() {
		String university = CampusLogins.connectedUniversity(this.api, new Organizations(this.api), "重放大学",
				this.keycloak.issuer(), false);
		WebSession browser = new WebSession(this.port);
		URI callback = CampusLogins.atProvider(browser, CampusLogins.authorization(browser, university), "2023010103");
		assertThat(browser.send(HttpRequest.newBuilder(callback).GET()).header("Location"))
			.isEqualTo("/login?signOn=link");
		assertThat(browser.send(HttpRequest.newBuilder(callback).GET()).header("Location")).isEqualTo(FAILED);
		// Nor does the callback work in a browser that did not begin the sign-in.
		WebSession other = new WebSession(this.port);
		URI second = CampusLogins.atProvider(browser, CampusLogins.authorization(browser, university), "2023010103");
		assertThat(other.send(HttpRequest.newBuilder(second).GET()).header("Location")).isEqualTo(FAILED);
	}

	@Test
	void aCodeIssuedToAnotherClientOfTheRealmIsRefused() {
		String university = CampusLogins.connectedUniversity(this.api, new Organizations(this.api), "他客大学",
				this.keycloak.issuer(), false);
		WebSession browser = new WebSession(this.port);
		URI ours = CampusLogins.authorization(browser, university);
		// The same state, nonce and callback, but asked by the realm's other client: its
		// code, sent to our callback, is for another audience.
		URI theirs = UriComponentsBuilder.fromUri(ours)
			.replaceQueryParam("client_id", Keycloak.OTHER_CLIENT_ID)
			.replaceQueryParam("code_challenge")
			.replaceQueryParam("code_challenge_method")
			.build(true)
			.toUri();
		URI callback = CampusLogins.atProvider(browser, theirs, "2023010104");
		assertThat(callback.getPath()).isEqualTo("/sign-on/callback");
		assertThat(browser.send(HttpRequest.newBuilder(callback).GET()).header("Location")).isEqualTo(FAILED);
		assertThat(browser.get("/me").status()).isEqualTo(302);
	}

	@Test
	void anExpiredIdTokenIsRefused() {
		String university = CampusLogins.connectedUniversity(this.api, new Organizations(this.api), "过期大学",
				this.keycloak.issuer(), false);
		WebSession browser = new WebSession(this.port);
		URI callback = CampusLogins.atProvider(browser, CampusLogins.authorization(browser, university), "2023010104");
		// The application clock 7 minutes on: the token's exp (5 min, and a minute's
		// leeway) has passed, the sign-in begun (10 min) has not.
		this.api.put("/dev/clock", Map.of("now", Instant.now().plusSeconds(420).toString()), null);
		assertThat(browser.send(HttpRequest.newBuilder(callback).GET()).header("Location")).isEqualTo(FAILED);
	}

	@Test
	void aProviderThatStopsInTheMiddleFailsTheSignIn() {
		try (TcpProxy provider = new TcpProxy(this.keycloak.port())) {
			String university = CampusLogins.connectedUniversity(this.api, new Organizations(this.api), "中断大学",
					Keycloak.issuerOn(provider.port()), false);
			WebSession browser = new WebSession(this.port);
			URI callback = CampusLogins.atProvider(browser, CampusLogins.authorization(browser, university),
					"2023010105");
			provider.close();
			assertThat(browser.send(HttpRequest.newBuilder(callback).GET()).header("Location")).isEqualTo(FAILED);
			// Nor can a new one start while it is down (its document is still remembered,
			// its login page is not reachable: the browser would see the provider's
			// error).
			assertThat(browser.get("/me").status()).isEqualTo(302);
		}
	}

	@Test
	void anIdentityAnotherAccountHoldsIsNotLinkedAgain() {
		Organizations organizations = new Organizations(this.api);
		String university = CampusLogins.connectedUniversity(this.api, organizations, "占用大学", this.keycloak.issuer(),
				false);
		Volunteers volunteers = new Volunteers(this.api);
		Volunteers.Registered first = volunteers.register();
		Volunteers.Registered second = volunteers.register();
		WebSession firstBrowser = WebSession.signedIn(this.port, first.idNumber(), Volunteers.PASSWORD);
		assertThat(CampusLogins.signIn(firstBrowser, university, "2023010106").header("Location"))
			.isEqualTo("/me/campus-sign-on?linked");
		WebSession secondBrowser = WebSession.signedIn(this.port, second.idNumber(), Volunteers.PASSWORD);
		assertThat(CampusLogins.signIn(secondBrowser, university, "2023010106").header("Location")).isEqualTo(FAILED);
		assertThat(this.api.get("/me", first.token()).body().get("campusIdentities")).hasSize(1);
		assertThat(this.api.get("/me", second.token()).body().get("campusIdentities")).isEmpty();
	}

	@Test
	void unlinkingNeedsThePasswordAndADisabledConnectionRefusesSignIn() {
		Organizations organizations = new Organizations(this.api);
		String university = CampusLogins.connectedUniversity(this.api, organizations, "解绑大学", this.keycloak.issuer(),
				false);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		WebSession browser = WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD);
		CampusLogins.signIn(browser, university, "2023010102");
		assertThat(this.api.get("/me", volunteer.token()).body().get("campusIdentities")).hasSize(1);
		// Disabled: the link stays, but signs nobody in.
		Api.Response disabled = this.api.put("/organizations/" + university + "/campus-sign-on",
				Map.of("issuer", this.keycloak.issuer(), "clientId", Keycloak.CLIENT_ID, "numberClaim",
						"preferred_username", "label", "解绑大学统一身份认证", "enabled", false),
				organizations.staffToken());
		assertThat(disabled.status()).isEqualTo(200);
		WebSession later = new WebSession(this.port);
		assertThat(later.get("/sign-on/" + university).header("Location")).isEqualTo(FAILED);
		assertThat(later.get("/login").body()).doesNotContain("解绑大学统一身份认证登录");
		assertThat(this.api.get("/me", volunteer.token()).body().get("campusIdentities")).hasSize(1);
		Api.Response wrong = this.api.send("DELETE", "/me/campus-identities/" + university,
				Map.of("password", "Wrong2026"), volunteer.token(), Map.of());
		assertThat(wrong.code()).isEqualTo("BAD_CREDENTIALS");
		Api.Response unlinked = this.api.send("DELETE", "/me/campus-identities/" + university,
				Map.of("password", Volunteers.PASSWORD), volunteer.token(), Map.of());
		assertThat(unlinked.status()).isEqualTo(204);
		assertThat(this.api.get("/me", volunteer.token()).body().get("campusIdentities")).isEmpty();
	}

	@Test
	void erasureRemovesTheLinksAndExportListsThem() {
		String university = CampusLogins.connectedUniversity(this.api, new Organizations(this.api), "注销大学",
				this.keycloak.issuer(), false);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		WebSession browser = WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD);
		CampusLogins.signIn(browser, university, "2023010103");
		Api.Response export = this.api.get("/me/export", volunteer.token());
		assertThat(export.text()).contains("2023010103").contains("campusIdentities");
		assertThat(this.api.send("DELETE", "/me", Map.of("password", Volunteers.PASSWORD), volunteer.token(), Map.of())
			.status()).isEqualTo(204);
		// The identity is free again: a new sign-in with it is asked to link.
		WebSession fresh = new WebSession(this.port);
		assertThat(CampusLogins.signIn(fresh, university, "2023010103").header("Location"))
			.isEqualTo("/login?signOn=link");
	}

}
