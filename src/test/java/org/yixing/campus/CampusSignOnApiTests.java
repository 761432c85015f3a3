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
import tools.jackson.databind.JsonNode;
import org.yixing.test.Api;
import org.yixing.test.Attendance;
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
		// The secret may be left out to keep it.
		Api.Response kept = this.api.put("/organizations/" + university + "/campus-sign-on",
				Map.of("issuer", this.keycloak.issuer(), "clientId", Keycloak.CLIENT_ID, "numberClaim",
						"preferred_username", "label", "连接大学统一身份认证", "autoJoin", true),
				organizations.staffToken());
		assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
		assertThat(kept.body().get("autoJoin").asBoolean()).isTrue();
		Api.Response unreachable = this.api.put("/organizations/" + university + "/campus-sign-on",
				Map.of("issuer", "http://127.0.0.1:1/realms/none", "clientId", "x", "numberClaim", "sub", "label", "无"),
				organizations.staffToken());
		// Saved (a provider may be down for a while), and said.
		assertThat(unreachable.status()).isEqualTo(200);
		assertThat(unreachable.body().get("providerReachable").asBoolean()).isFalse();
		assertThat(kept.body().get("providerReachable").asBoolean()).isTrue();
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

	@Test
	void aLockedAccountStaysLockedForCampusSignIn() {
		String university = CampusLogins.connectedUniversity(this.api, new Organizations(this.api), "锁定大学",
				this.keycloak.issuer(), false);
		Volunteers volunteers = new Volunteers(this.api);
		Volunteers.Registered volunteer = volunteers.register();
		CampusLogins.link(WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD), university,
				"2023010104");
		for (int i = 0; i < 5; i++) {
			this.api.post("/auth/token", Map.of("account", volunteer.idNumber(), "password", "Wrong2026"));
		}
		assertThat(
				this.api.post("/auth/token", Map.of("account", volunteer.idNumber(), "password", "Wrong2026")).code())
			.isEqualTo("ACCOUNT_LOCKED");
		WebSession browser = new WebSession(this.port);
		assertThat(CampusLogins.signIn(browser, university, "2023010104").header("Location")).isEqualTo(FAILED);
		assertThat(browser.get("/me").status()).as("nobody signed in").isEqualTo(302);
	}

	@Test
	void adminsSeeTheStudentNumberInMemberAndAttendanceLists() {
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String university = CampusLogins.connectedUniversity(this.api, organizations, "名单大学", this.keycloak.issuer(),
				false);
		String college = organizations.create(staff, university, "名单学院", "420111", "LISTED");
		Volunteers.Registered linked = new Volunteers(this.api).register();
		Volunteers.Registered other = new Volunteers(this.api).register();
		CampusLogins.link(WebSession.signedIn(this.port, linked.idNumber(), Volunteers.PASSWORD), university,
				"2023010105");
		organizations.addMember(college, linked.idNumber());
		organizations.addMember(college, other.idNumber());
		JsonNode members = this.api.get("/organizations/" + college + "/members", staff).body();
		assertThat(numberOf(members, linked.id())).isEqualTo("2023010105");
		assertThat(numberOf(members, other.id())).isNull();

		Attendance attendance = new Attendance(this.api);
		attendance.fixClock("2026-12-01T10:00:00+08:00");
		Api.Response activity = attendance.publish(college, staff, "2026-12-01T09:30:00+08:00",
				"2026-12-01T12:00:00+08:00", Map.of("membersOnly", false));
		String code = activity.field("checkInCode");
		assertThat(attendance.checkIn(linked.token(), Attendance.newDevice(), code).status()).isEqualTo(201);
		assertThat(attendance.checkIn(other.token(), Attendance.newDevice(), code).status()).isEqualTo(201);
		JsonNode attendees = this.api.get("/activities/" + activity.field("id") + "/attendance", staff).body();
		assertThat(numberOf(attendees, linked.id())).isEqualTo("2023010105");
		assertThat(numberOf(attendees, other.id())).isNull();
	}

	@Test
	void staffConnectAUniversityFromTheConsole() {
		Organizations organizations = new Organizations(this.api);
		String university = organizations.createTopLevel("控制台大学");
		WebSession staff = WebSession.signedIn(this.port, org.yixing.test.Staff.ID_NUMBER,
				org.yixing.test.Staff.PASSWORD);
		assertThat(staff.get("/admin/campus-sign-on?organization=" + university).body()).contains("控制台大学")
			.contains("/sign-on/callback");
		WebSession.Page missing = staff.post("/admin/campus-sign-on/" + university,
				Map.of("issuer", this.keycloak.issuer(), "clientId", Keycloak.CLIENT_ID, "numberClaim",
						"preferred_username", "label", "控制台大学统一身份认证", "enabled", "true"));
		assertThat(missing.status()).as("the first connection needs its secret").isEqualTo(400);
		assertThat(missing.body()).contains("首次连接须填写客户端密钥");
		WebSession.Page saved = staff.post("/admin/campus-sign-on/" + university,
				Map.of("issuer", this.keycloak.issuer(), "clientId", Keycloak.CLIENT_ID, "clientSecret",
						Keycloak.CLIENT_SECRET, "numberClaim", "preferred_username", "label", "控制台大学统一身份认证", "enabled",
						"true"));
		assertThat(saved.status()).isEqualTo(302);
		assertThat(this.api.get("/organizations/" + university + "/campus-sign-on", organizations.staffToken())
			.field("label")).isEqualTo("控制台大学统一身份认证");
		assertThat(new WebSession(this.port).get("/login").body()).contains("控制台大学统一身份认证登录");
		// Volunteers may not.
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		assertThat(WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD)
			.get("/admin/campus-sign-on")
			.status()).isEqualTo(403);
	}

	@Test
	void anIdTokenWithTheNonceOfAnotherSignInIsRefused() {
		String university = CampusLogins.connectedUniversity(this.api, new Organizations(this.api), "随机数大学",
				this.keycloak.issuer(), false);
		WebSession browser = new WebSession(this.port);
		URI first = CampusLogins.authorization(browser, university);
		URI second = CampusLogins.authorization(browser, university);
		String otherNonce = UriComponentsBuilder.fromUri(second).build().getQueryParams().getFirst("nonce");
		URI mixed = UriComponentsBuilder.fromUri(first).replaceQueryParam("nonce", otherNonce).build(true).toUri();
		URI callback = CampusLogins.atProvider(browser, mixed, "2023010106");
		assertThat(browser.send(HttpRequest.newBuilder(callback).GET()).header("Location")).isEqualTo(FAILED);
		assertThat(browser.get("/me").status()).isEqualTo(302);
	}

	@Test
	void someoneNewRegistersAndTheIdentityLinksToTheNewAccount() {
		String university = CampusLogins.connectedUniversity(this.api, new Organizations(this.api), "新生大学",
				this.keycloak.issuer(), false);
		WebSession browser = new WebSession(this.port);
		assertThat(CampusLogins.signIn(browser, university, "2023010102").header("Location"))
			.isEqualTo("/login?signOn=link");
		assertThat(browser.get("/register").body()).contains("注册完成后即与学校账号关联");
		String idNumber = org.yixing.test.IdNumbers.random();
		String phone = org.yixing.test.IdNumbers.randomPhone();
		String code = new Volunteers(this.api).sendCode(phone, "REGISTER");
		WebSession.Page registered = browser.post("/register",
				Map.of("realName", "新同学", "idNumber", idNumber, "phone", phone, "smsCode", code, "province", "420000",
						"city", "420100", "district", "420111", "password", Volunteers.PASSWORD, "step", "2"));
		assertThat(registered.header("Location")).endsWith("/me/campus-sign-on?linked");
		String token = new Volunteers(this.api).login(idNumber, Volunteers.PASSWORD);
		JsonNode identities = this.api.get("/me", token).body().get("campusIdentities");
		assertThat(identities).hasSize(1);
		assertThat(identities.get(0).get("number").asString()).isEqualTo("2023010102");
	}

	private static String numberOf(JsonNode list, String accountId) {
		for (JsonNode item : list) {
			if (accountId.equals(item.path("accountId").asString())) {
				JsonNode number = item.path("studentNumber");
				return (number.isMissingNode() || number.isNull()) ? null : number.asString();
			}
		}
		throw new AssertionError(accountId + " is not in " + list);
	}

}
