package org.yixing.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages over plain HTTP: sign-in cookies, CSRF, the sign-in redirect, the installable
 * app's files, and no 500 for anything a form or URL can send.
 */
@ApiTest
class PagesHttpTests {

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	Volunteers volunteers;

	Volunteers.Registered volunteer;

	@BeforeEach
	void aVolunteer() {
		this.volunteers = new Volunteers(this.api);
		this.volunteer = this.volunteers.register();
	}

	@Test
	void theHomePageIsTheAppWithLogInAndRegister() {
		WebSession.Page home = new WebSession(this.port).get("/");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("href=\"/login\"", "我要注册", "manifest.webmanifest");
	}

	@Test
	void aSignedInBrowserFollowingAStaleLinkGetsTheErrorPageWhileTheApiKeepsItsProblem() {
		WebSession browser = WebSession.signedIn(this.port, this.volunteer.idNumber(), Volunteers.PASSWORD);
		WebSession.Page page = browser.get("/notices",
				"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
		assertThat(page.status()).isEqualTo(404);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.body()).contains("页面不存在").contains("返回首页");
		WebSession.Page api = browser.get("/api/v1/no-such-thing", "text/html,*/*");
		assertThat(api.status()).isEqualTo(404);
		assertThat(api.header("Content-Type")).startsWith("application/problem+json");
		assertThat(api.body()).contains("\"code\":\"NOT_FOUND\"");
		WebSession.Page client = browser.get("/notices", "application/json");
		assertThat(client.status()).isEqualTo(404);
		assertThat(client.body()).contains("\"code\":\"NOT_FOUND\"");
	}

	@Test
	void signingInSetsAnHttpOnlySameSiteCookieThatRememberMeKeepsForThirtyDays() {
		WebSession browser = new WebSession(this.port);
		browser.get("/login");
		WebSession.Page signedIn = browser.post("/login",
				Map.of("account", this.volunteer.phone(), "password", Volunteers.PASSWORD));
		assertThat(signedIn.status()).isEqualTo(302);
		String session = cookie(signedIn, "YIXING_SESSION");
		assertThat(session).contains("HttpOnly", "SameSite=Lax").doesNotContain("Max-Age");

		WebSession remembered = new WebSession(this.port);
		remembered.get("/login");
		String kept = cookie(
				remembered.post("/login",
						Map.of("account", this.volunteer.phone(), "password", Volunteers.PASSWORD, "rememberMe", "on")),
				"YIXING_SESSION");
		assertThat(kept).contains("HttpOnly", "SameSite=Lax", "Max-Age=2592000");
	}

	@Test
	void aWrongPasswordShowsTheRulesMessageOnTheLoginPage() {
		WebSession browser = new WebSession(this.port);
		browser.get("/login");
		WebSession.Page refused = browser.post("/login",
				Map.of("account", this.volunteer.phone(), "password", "wrong-1234"));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.body()).contains("账号或密码错误");
	}

	@Test
	void aFormPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
		WebSession anonymous = new WebSession(this.port);
		anonymous.get("/login");
		assertThat(
				anonymous.postRaw("/login", Map.of("account", this.volunteer.phone(), "password", Volunteers.PASSWORD))
					.status())
			.isEqualTo(403);

		WebSession signedIn = WebSession.signedIn(this.port, this.volunteer.phone(), Volunteers.PASSWORD);
		assertThat(signedIn
			.postRaw("/me/security-question",
					Map.of("question", "我的小学？", "answer", "实验小学", "currentPassword", Volunteers.PASSWORD))
			.status()).isEqualTo(403);
		assertThat(
				signedIn
					.postRaw("/me/security-question",
							Map.of("question", "我的小学？", "answer", "实验小学", "currentPassword", Volunteers.PASSWORD,
									"_csrf", "forged"))
					.status())
			.isEqualTo(403);
		assertThat(this.api.get("/me", this.volunteer.token()).body().path("securityQuestion").isNull()).isTrue();

		signedIn.get("/me/security-question");
		assertThat(signedIn
			.post("/me/security-question",
					Map.of("question", "我的小学？", "answer", "实验小学", "currentPassword", Volunteers.PASSWORD))
			.status()).isEqualTo(302);
		assertThat(this.api.get("/me", this.volunteer.token()).field("securityQuestion")).isEqualTo("我的小学？");
	}

	@Test
	void aPageThatNeedsSignInSendsToTheLoginPageAndBack() {
		WebSession.Page redirected = new WebSession(this.port).get("/me/hours");
		assertThat(redirected.status()).isEqualTo(302);
		assertThat(redirected.header("Location")).endsWith("/login?next=%2Fme%2Fhours");

		WebSession browser = new WebSession(this.port);
		browser.get("/login?next=/me/hours");
		WebSession.Page back = browser.post("/login",
				Map.of("account", this.volunteer.phone(), "password", Volunteers.PASSWORD, "next", "/me/hours"));
		assertThat(back.header("Location")).endsWith("/me/hours");
		WebSession.Page elsewhere = browser.post("/login", Map.of("account", this.volunteer.phone(), "password",
				Volunteers.PASSWORD, "next", "https://evil.example/"));
		assertThat(elsewhere.header("Location")).doesNotContain("evil");
	}

	/** RULES §1: a roster account sets its own password before anything else. */
	@Test
	void anImportedAccountMustSetItsOwnPasswordBeforeAnyOtherPage() {
		String idNumber = org.yixing.test.IdNumbers.random();
		Api.Response imported = this.api.send("POST", "/admin/account-imports", "赵六," + idNumber,
				new Organizations(this.api).staffToken(), Map.of("Content-Type", "text/csv"));
		assertThat(imported.body().path("created").asInt()).isEqualTo(1);
		String initial = idNumber.substring(10);
		WebSession browser = new WebSession(this.port);
		browser.get("/login");
		WebSession.Page signedIn = browser.post("/login", Map.of("account", idNumber, "password", initial));
		assertThat(signedIn.header("Location")).endsWith("/me/password");
		WebSession.Page elsewhere = browser.get("/me/hours");
		assertThat(elsewhere.status()).isEqualTo(302);
		assertThat(elsewhere.header("Location")).endsWith("/me/password");
		// A form elsewhere is not carried out either: the phone cannot be rebound.
		browser.get("/me/password");
		WebSession.Page rebind = browser.post("/me/phone",
				Map.of("phone", "13912345678", "smsCode", "123456", "currentPassword", initial));
		assertThat(rebind.status()).isEqualTo(302);
		assertThat(rebind.header("Location")).endsWith("/me/password");
		WebSession.Page form = browser.get("/me/password");
		assertThat(form.body()).contains("首次登录须先设置自己的密码");
		assertThat(
				browser.post("/me/password", Map.of("currentPassword", initial, "newPassword", "MyOwn2026")).status())
			.isEqualTo(302);
		assertThat(browser.get("/me/hours").status()).isEqualTo(200);
	}

	@Test
	void theApiDocsListTheAppsEndpointsAndNoPages() {
		tools.jackson.databind.JsonNode paths = this.api.get("/v3/api-docs").body().path("paths");
		assertThat(paths.has("/api/v1/agreements/current")).isTrue();
		assertThat(paths.has("/api/v1/activities/by-code/{code}")).isTrue();
		assertThat(paths.has("/api/v1/activities/{id}/sign-up")).isTrue();
		assertThat(paths.has("/api/v1/me/activities")).isTrue();
		assertThat(paths.has("/api/v1/me/notices")).isTrue();
		assertThat(paths.has("/login")).isFalse();
		assertThat(paths.has("/check-in/distance")).isFalse();
	}

	@Test
	void aVolunteerSignsUpAndCancelsOnTheActivityPage() {
		Organizations organizations = new Organizations(this.api);
		String organizationId = organizations.createTopLevel("报名页面协会");
		organizations.addMember(organizationId, this.volunteer.idNumber());
		new Attendance(this.api).fixClock("2026-12-01T08:00:00+08:00");
		String activityId = new Attendance(this.api)
			.publish(organizationId, organizations.staffToken(), "2026-12-01T10:00:00+08:00",
					"2026-12-01T12:00:00+08:00", Map.of("capacity", 5))
			.field("id");
		WebSession browser = WebSession.signedIn(this.port, this.volunteer.phone(), Volunteers.PASSWORD);
		assertThat(browser.get("/activities").body()).contains("图书馆志愿服务", "剩余名额 5 / 5");
		browser.get("/activities/" + activityId);
		WebSession.Page signedUp = browser.post("/activities/" + activityId + "/sign-up", Map.of());
		assertThat(signedUp.header("Location")).endsWith("/activities/" + activityId + "?signedUp");
		assertThat(browser.get("/activities/" + activityId + "?signedUp").body()).contains("报名成功", "剩余名额 4 / 5",
				"取消报名");
		assertThat(this.api.get("/me/activities", this.volunteer.token()).body().get(0).path("signedUp").asBoolean())
			.isTrue();
		browser.post("/activities/" + activityId + "/cancel-sign-up", Map.of());
		assertThat(this.api.get("/me/activities", this.volunteer.token()).body().get(0).path("signedUp").asBoolean())
			.isFalse();
	}

	@Test
	void logoutEndsThePageSession() {
		WebSession browser = WebSession.signedIn(this.port, this.volunteer.phone(), Volunteers.PASSWORD);
		assertThat(browser.get("/me").status()).isEqualTo(200);
		assertThat(browser.post("/logout", Map.of()).status()).isEqualTo(302);
		assertThat(browser.get("/me").status()).isEqualTo(302);
	}

	@Test
	void theAppCanBeInstalledAndHasAnOfflinePage() {
		WebSession browser = new WebSession(this.port);
		WebSession.Page manifest = browser.get("/manifest.webmanifest");
		assertThat(manifest.status()).isEqualTo(200);
		assertThat(manifest.body()).contains("\"start_url\": \"/\"", "\"display\": \"standalone\"", "icon-512.png");
		assertThat(browser.get("/assets/icons/icon-192.png").status()).isEqualTo(200);
		WebSession.Page worker = browser.get("/sw.js");
		assertThat(worker.status()).isEqualTo(200);
		assertThat(worker.header("Content-Type")).contains("javascript");
		assertThat(worker.body()).contains("'/offline'");
		assertThat(browser.get("/offline").body()).contains("签到和签退需要联网");
	}

	/**
	 * Every form and page URL, with fields missing, malformed, huge or of the wrong type:
	 * a clear refusal, never a 500.
	 */
	@Test
	void noPageAnswers500ToAnythingAFormOrUrlCanSend() {
		Organizations organizations = new Organizations(this.api);
		String organizationId = organizations.createTopLevel("防错测试协会");
		String code = new Attendance(this.api)
			.publish(organizationId, organizations.staffToken(), "2026-01-01T08:00:00+08:00",
					"2026-01-01T10:00:00+08:00", Map.of())
			.field("checkInCode");
		WebSession browser = WebSession.signedIn(this.port, this.volunteer.phone(), Volunteers.PASSWORD);
		String huge = "字".repeat(20_000);
		List<Map<String, String>> inputs = List.of(Map.of(),
				fields("idNumber", "x", "phone", "1", "smsCode", "", "password", "p", "realName", huge, "province",
						"999999", "city", "abc", "district", "../", "step", "2"),
				fields("lat", "north", "lng", "NaN", "accuracy", "-1", "code", "12345678", "v", huge, "stars", "9",
						"comment", huge, "organizationId", "not-a-uuid", "hours", "99999999999", "minutes", "-5",
						"reason", "<script>", "description", huge, "message", huge, "question", huge, "answer", "",
						"currentPassword", huge, "newPassword", "", "purpose", "NOPE", "agreementAccepted", "yes",
						"agreementVersion", "0", "next", "//evil"),
				fields("lat", "1e400", "lng", "-1e400", "code", code, "v", "2026-01", "stars", "1.5", "hours",
						"2147483647", "minutes", "2147483647", "organizationId", organizationId, "reason", "NO_SIGNAL",
						"description", "说明"));
		String randomId = UUID.randomUUID().toString();
		List<String> posts = List.of("/login", "/register", "/register/id-number", "/sms-code", "/region",
				"/forgot-password/sms", "/forgot-password/question", "/me/password", "/me/phone",
				"/me/security-question", "/organizations/" + organizationId + "/join",
				"/organizations/" + randomId + "/join", "/organizations/nope/join", "/check-in/agreement", "/check-in",
				"/check-in/distance", "/check-in/sessions/" + randomId + "/check-out",
				"/check-in/sessions/nope/check-out", "/check-in/sessions/" + randomId + "/rating",
				"/activities/" + randomId + "/sign-up", "/activities/nope/cancel-sign-up", "/me/makeup-requests",
				"/insurance/" + randomId + "/claim", "/insurance/nope/claim");
		Map<String, Integer> failures = new LinkedHashMap<>();
		for (String path : posts) {
			for (Map<String, String> fields : inputs) {
				browser.get("/me");
				int status = browser.post(path, fields).status();
				if (status >= 500) {
					failures.put("POST " + path + " " + fields.keySet(), status);
				}
			}
		}
		List<String> gets = List.of("/", "/me", "/me/info", "/me/hours", "/me/sessions", "/me/notices",
				"/me/makeup-requests", "/me/password", "/me/phone", "/me/security-question", "/organizations",
				"/organizations?q=" + huge.substring(0, 300) + "&page=-3&province=x", "/organizations?page=99999999999",
				"/organizations/mine", "/organizations/" + randomId, "/organizations/nope", "/activities",
				"/activities/" + randomId, "/activities/nope", "/check-in", "/check-in?code=%3Cb%3E", "/check-in/code",
				"/check-in/code?v=2026-01", "/check-in/live", "/check-in/live?v=2026-01&code=" + code,
				"/check-in/live?v=2026-01&code=000000", "/check-in/sessions/" + randomId, "/check-in/sessions/nope",
				"/check-in/sessions/" + randomId + "/result", "/check-in/sessions/" + randomId + "/check-out",
				"/insurance", "/help", "/offline", "/region", "/region/picker?province=110000&city=999999",
				"/lang?l=fr&next=//evil", "/forgot-password/question?idNumber=1",
				"/forgot-password/id-photo/" + randomId, "/forgot-password/id-photo/nope", "/no-such-page",
				"/assets/nothing.js");
		for (String path : gets) {
			int status = browser.get(path).status();
			if (status >= 500) {
				failures.put("GET " + path, status);
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void anIdPhotoUploadThatIsNotAPhotoIsRefusedOnThePage() {
		WebSession browser = new WebSession(this.port);
		browser.get("/forgot-password/id-photo");
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("idNumber", this.volunteer.idNumber());
		fields.put("realName", "测试志愿者");
		fields.put("newPhone", "13912345678");
		WebSession.Page refused = browser.upload("/forgot-password/id-photo", fields, "photo", "a.txt",
				"hello".getBytes(StandardCharsets.UTF_8));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("请上传JPEG或PNG格式的照片");
	}

	@Test
	void theIdPhotoReviewsStatusPageShowsTheReviewsResult() {
		byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, (byte) 0xFF,
				(byte) 0xD9 };
		String id = this.api
			.multipart("/password-resets/id-photo",
					Map.of("idNumber", this.volunteer.idNumber(), "realName", "测试志愿者", "newPhone", "13912340000"),
					"photo", "id.jpg", jpeg, "image/jpeg", null)
			.field("id");
		WebSession browser = new WebSession(this.port);
		assertThat(browser.get("/forgot-password/id-photo/" + id).body()).contains("等待审核", "139****0000");
		this.api.post("/admin/id-photo-reviews/" + id + "/reject", Map.of("reason", "照片不清晰"),
				new Organizations(this.api).staffToken());
		assertThat(browser.get("/forgot-password/id-photo/" + id).body()).contains("未通过", "原因：照片不清晰", "重新提交");
	}

	private static Map<String, String> fields(String... namesAndValues) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return fields;
	}

	private static String cookie(WebSession.Page page, String name) {
		return page.headers("Set-Cookie").stream().filter((c) -> c.startsWith(name + "=")).findFirst().orElse("");
	}

}
