package org.yixing.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Geolocation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Browser;
import org.yixing.test.BrowserTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The volunteer's app on a 360×640 phone, as the guide walks through it: register with
 * the SMS code, join, check in outside and then inside the fence, the timer, check out,
 * rate, and the hours; password recovery by SMS; the English switch; one phone, one
 * account.
 */
@ApiTest
class VolunteerAppBrowserTests extends BrowserTest {

	/** About 1.1 km north of the campus fence's centre: outside its 200 m. */
	static final double OUTSIDE_LAT = Attendance.LAT + 0.01;

	Volunteers volunteers;

	Organizations organizations;

	Attendance attendance;

	String organizationId;

	String organizationName;

	String checkInCode;

	@BeforeEach
	void anActivityRunsOnCampus() {
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.attendance = new Attendance(this.api);
		this.attendance.fixClock("2026-12-01T10:00:00+08:00");
		this.organizationName = "会计学院志愿者协会" + System.nanoTime() % 100_000;
		this.organizationId = this.organizations.createTopLevel(this.organizationName);
		this.checkInCode = this.attendance
			.publish(this.organizationId, this.organizations.staffToken(), "2026-12-01T09:30:00+08:00",
					"2026-12-01T12:00:00+08:00", Map.of("title", "图书馆志愿服务"))
			.field("checkInCode");
	}

	@Test
	void aVolunteerRegistersJoinsChecksInAndOutRatesAndSeesTheirHours() {
		String idNumber = lowerCaseX(idNumberEndingInX());
		String phone = IdNumbers.randomPhone();
		BrowserContext context = this.browser.phone(OUTSIDE_LAT, Attendance.LNG);
		Page page = context.newPage();

		// 一、注册流程
		page.navigate("/");
		Browser.screenshot(page, "01-welcome");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("我要注册")).click();
		// The inline ID check is htmx's: wait until its (deferred) script has run.
		page.waitForURL("**/register");
		page.waitForLoadState();
		page.getByLabel("姓名").fill("测试志愿者");
		page.getByLabel("身份证号").fill(idNumber);
		page.getByLabel("手机号").fill(phone);
		assertThat(page.locator("#id-check")).hasText("身份证号格式正确：" + idNumber.toUpperCase());
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("获取验证码")).click();
		assertThat(page.locator("#sms-status")).containsText("验证码已发送");
		page.getByLabel("验证码").fill(this.volunteers.latestCode(phone));
		assertThat(page.locator("#region-city")).hasValue("420100");
		Browser.screenshot(page, "02-register");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("下一步")).click();
		assertThat(page.getByText(idNumber.toUpperCase())).isVisible();
		page.getByLabel("密码").fill("Secret2026");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("注册并登录")).click();
		assertThat(page.getByText("注册成功")).isVisible();
		Browser.screenshot(page, "03-home");

		// 加入组织 → 等待审核, then an admin approves through the API.
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("组织").setExact(true)).click();
		page.getByLabel("组织名称").fill(this.organizationName);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("搜索")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(this.organizationName)).click();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("加入组织")).click();
		assertThat(page.getByText("等待审核").first()).isVisible();
		approveTheRequest();
		page.navigate("/");
		reloadUntilVisible(page, "您加入「" + this.organizationName + "」的申请已通过审核");

		// 二、签到签退流程: 1 the green button, 2 the agreement, 3 the code.
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("签到").setExact(true)).first().click();
		Browser.screenshot(page, "04-agreement");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
		assertThat(page.getByText("请先阅读并同意诚信协议")).isVisible();
		page.getByLabel("我已阅读并同意诚信协议").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
		// pasted from the group chat, in full width and with the words around it: the
		// field keeps the six digits
		StringBuilder fullWidth = new StringBuilder();
		this.checkInCode.chars().forEach((c) -> fullWidth.append((char) (c + 0xFEE0)));
		page.getByLabel("签到码").focus();
		page.getByLabel("签到码")
			.evaluate("(el, text) => { const dt = new DataTransfer(); dt.setData('text/plain', text);"
					+ " el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true})); }",
					"5分钟内有效。今天的签到码：" + fullWidth.substring(0, 3) + " " + fullWidth.substring(3) + "，请准时签到");
		assertThat(page.getByLabel("签到码")).hasValue(this.checkInCode);
		Browser.screenshot(page, "05-code");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("下一步")).click();

		// 4 the live location page: outside, the metres to go and no check-in.
		assertThat(page.locator("#distance")).hasText(Pattern.compile("^\\d+米后进入签到范围$"));
		int metres = Integer.parseInt(page.locator("#distance").textContent().replace("米后进入签到范围", ""));
		assertThat(metres).isBetween(800, 1000);
		Button quick = new Button(page, "快速签到计时");
		assertThat(quick.locator()).isDisabled();
		Browser.screenshot(page, "06-live-outside");

		// ... moves inside: 快速签到计时 → 5 the timer.
		context.setGeolocation(new Geolocation(Attendance.LAT, Attendance.LNG).setAccuracy(8));
		assertThat(page.locator("#distance")).hasText("已进入签到范围");
		assertThat(quick.locator()).isEnabled();
		Browser.screenshot(page, "07-live-inside");
		quick.locator().click();
		assertThat(page.getByText("签到成功，计时中")).isVisible();
		assertThat(page.getByText("图书馆志愿服务")).isVisible();
		Browser.screenshot(page, "08-timer");

		// A reload, or 签到 again, returns to the running timer (step 6).
		page.reload();
		assertThat(page.locator(".timer")).isVisible();
		page.navigate("/");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("签到").setExact(true)).first().click();
		assertThat(page.getByText("签到成功，计时中")).isVisible();

		// 7 去签到 → 签退 an hour and a minute later, 8 the result and 评价.
		this.attendance.fixClock("2026-12-01T11:01:00+08:00");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("去签到")).click();
		Button checkOut = new Button(page, "签退");
		assertThat(checkOut.locator()).isEnabled();
		checkOut.locator().click();
		assertThat(page.getByText("签退成功")).isVisible();
		assertThat(page.locator(".big-number")).hasText("1小时1分钟");
		page.locator("label[for=star-5]").click();
		assertThat(page.getByLabel("5星")).isChecked();
		page.getByLabel("评价内容（选填）").fill("活动组织得很好");
		Browser.screenshot(page, "09-result");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("评价")).click();

		// The hours and coins.
		assertThat(page.getByText("感谢您的评价")).isVisible();
		assertThat(page.locator(".stats .big-number")).containsText(new String[] { "1小时1分钟", "0分钟", "1" });
		Browser.screenshot(page, "10-hours");
		assertThat(this.api.get("/me/hours", this.volunteers.login(idNumber.toUpperCase(), "Secret2026"))
			.body()
			.path("coins")
			.asLong()).isEqualTo(1);
		context.close();
	}

	@Test
	void aVolunteerWhoForgotTheirPasswordSetsANewOneBySms() {
		Volunteers.Registered volunteer = this.volunteers.register();
		Page page = this.browser.phone(Attendance.LAT, Attendance.LNG).newPage();
		page.navigate("/login");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("忘记密码")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("通过手机号找回密码")).click();
		page.getByLabel("身份证号").fill(volunteer.idNumber());
		page.getByLabel("绑定的手机号").fill(volunteer.phone());
		this.attendance.fixClock("2026-12-01T10:05:00+08:00");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("获取验证码")).click();
		assertThat(page.locator("#sms-status")).containsText("验证码已发送");
		page.getByLabel("验证码").fill(this.volunteers.latestCode(volunteer.phone()));
		page.getByLabel("新密码").fill("Changed2027");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("重设密码")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("密码已重设，请登录");
		page.getByLabel("身份证号或手机号").fill(volunteer.phone());
		page.getByLabel("密码").fill("Changed2027");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("签到").setExact(true)).first())
			.isVisible();
		assertThat(this.api.post("/auth/token", Map.of("account", volunteer.phone(), "password", Volunteers.PASSWORD))
			.code()).isEqualTo("BAD_CREDENTIALS");
		page.context().close();
	}

	@Test
	void theEnglishSwitchShowsThePagesAndTheRefusalsInEnglish() {
		Page page = this.browser.phone(Attendance.LAT, Attendance.LNG).newPage();
		page.navigate("/login");
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录"))).isVisible();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English")).click();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))).isVisible();
		assertThat(page.locator("html")).hasAttribute("lang", "en");
		page.getByLabel("ID number or mobile phone").fill("13900000000");
		page.getByLabel("Password").fill("wrong-password-1");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong account or password");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("中文")).click();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录"))).isVisible();
		page.context().close();
	}

	@Test
	void aSecondAccountOnTheSameBrowserIsRefusedQuickCheckInWithTheGuidesMessage() {
		Volunteers.Registered first = this.volunteers.register();
		Volunteers.Registered second = this.volunteers.register();
		this.organizations.addMember(this.organizationId, first.idNumber());
		this.organizations.addMember(this.organizationId, second.idNumber());
		BrowserContext phone = this.browser.phone(Attendance.LAT, Attendance.LNG);
		Page page = phone.newPage();

		signIn(page, first.phone());
		checkInThroughThePages(page);
		assertThat(page.getByText("签到成功，计时中")).isVisible();
		page.navigate("/me");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("退出登录")).click();

		signIn(page, second.phone());
		checkInThroughThePages(page);
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("该设备已绑定其他账号，请使用人脸识别签到");
		// The refusal leads to face check-in (RULES §7), on this same phone.
		assertThat(page.getByRole(AriaRole.ALERT)
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("人脸识别签到"))).isVisible();
		// The non-face route beside it (RULES §12): the personal code for an admin to
		// scan.
		assertThat(page.getByRole(AriaRole.ALERT)
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("我的签到码"))).isVisible();
		Browser.screenshot(page, "11-device-bound");
		assertThat(this.api.get("/me/sessions", second.token()).body().size()).isZero();
		phone.close();
	}

	/** PIPL Art. 45 and 47 from 我的: a copy of my data, then the end of my account. */
	@Test
	void aVolunteerDownloadsTheirDataAndDeletesTheirAccountFromMine() throws java.io.IOException {
		Volunteers.Registered volunteer = this.volunteers.register();
		Page page = this.browser.phone(Attendance.LAT, Attendance.LNG).newPage();
		signIn(page, volunteer.phone());
		page.navigate("/me");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("个人信息与隐私")).click();
		com.microsoft.playwright.Download download = page.waitForDownload(
				() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("下载（ZIP）")).click());
		assertThat(download.suggestedFilename()).isEqualTo("yixing-personal-data.zip");
		try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(download.createReadStream())) {
			assertThat(zip.getNextEntry().getName()).isEqualTo("personal-data.json");
			assertThat(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
				.contains(volunteer.idNumber(), volunteer.phone());
		}
		Browser.screenshot(page, "12-privacy");

		page.getByLabel("当前密码").fill("NotMine2026");
		page.getByLabel("我已了解注销后无法恢复").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("注销账号")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("当前密码错误");
		page.getByLabel("当前密码").fill(Volunteers.PASSWORD);
		page.getByLabel("我已了解注销后无法恢复").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("注销账号")).click();
		assertThat(page.getByText("账号已注销，个人信息已删除。")).isVisible();
		assertThat(this.api.post("/auth/token", Map.of("account", volunteer.phone(), "password", Volunteers.PASSWORD))
			.status()).isEqualTo(401);
		page.context().close();
	}

	@Test
	void aVolunteerDownloadsTheirCertificateFromMineAndAnyoneVerifiesIt() throws Exception {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(this.organizationId, volunteer.idNumber());
		Api.Response granted = this.api.post(
				"/organizations/" + this.organizationId + "/honor-hours", Map.of("accountId", volunteer.id(), "minutes",
						150, "reason", "BEFORE_PLATFORM", "description", "社区图书角整理", "serviceDate", "2026-11-20"),
				this.organizations.staffToken());
		org.assertj.core.api.Assertions.assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
		Page page = this.browser.phone(Attendance.LAT, Attendance.LNG).newPage();
		signIn(page, volunteer.phone());
		page.navigate("/me");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("志愿服务证明")).click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(this.organizationName)))
			.isVisible();
		Browser.screenshot(page, "13-certificate");
		com.microsoft.playwright.Download download = page.waitForDownload(
				() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("下载证明（PDF）")).last().click());
		String url;
		try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader
			.loadPDF(download.createReadStream().readAllBytes())) {
			String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
			org.assertj.core.api.Assertions.assertThat(text)
				.contains("测试志愿者", "社区图书角整理", "出具单位：" + this.organizationName, "荣誉时数合计 2.5 小时");
			java.util.regex.Matcher link = java.util.regex.Pattern.compile("http://\\S+/verify/[A-Za-z0-9_-]{43}")
				.matcher(text);
			org.assertj.core.api.Assertions.assertThat(link.find()).as(text).isTrue();
			url = link.group();
		}
		// anyone, signed in or not, opens the printed address
		Page stranger = this.browser.phone(Attendance.LAT, Attendance.LNG).newPage();
		stranger.navigate(url.substring(url.indexOf("/verify/")));
		assertThat(stranger.getByText("证明有效")).isVisible();
		assertThat(stranger.locator("dl.facts")).containsText("测****");
		assertThat(stranger.locator("dl.facts")).containsText("2小时30分钟");
		Browser.screenshot(stranger, "14-verify");
		stranger.getByLabel("核验码").fill("not-a-real-code");
		stranger.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("核验")).click();
		assertThat(stranger.getByRole(AriaRole.ALERT)).containsText("无效");
		stranger.context().close();
		page.context().close();
	}

	/**
	 * The Content-Security-Policy works in a real browser: injected inline script never
	 * runs.
	 */
	@Test
	void aScriptInjectedIntoAPageDoesNotRun() {
		Page page = this.browser.phone(Attendance.LAT, Attendance.LNG).newPage();
		page.navigate("/login");
		page.evaluate("() => { const s = document.createElement('script');"
				+ " s.textContent = 'document.title = \"pwned\"'; document.body.appendChild(s); }");
		page.waitForCondition(() -> this.browser.pageErrors().stream().anyMatch((error) -> error.startsWith("CSP: ")));
		assertThat(page.title()).isNotEqualTo("pwned");
		this.browser.forgetPageErrors();
		page.context().close();
	}

	private void signIn(Page page, String account) {
		page.navigate("/login");
		page.getByLabel("身份证号或手机号").fill(account);
		page.getByLabel("密码").fill(Volunteers.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		assertThat(page.locator(".sign-hero")).isVisible();
	}

	private void checkInThroughThePages(Page page) {
		page.navigate("/check-in?code=" + this.checkInCode);
		page.getByLabel("我已阅读并同意诚信协议").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
		Button quick = new Button(page, "快速签到计时");
		assertThat(quick.locator()).isEnabled();
		quick.locator().click();
	}

	private void approveTheRequest() {
		String staff = this.organizations.staffToken();
		Api.Response pending = this.api
			.get("/organizations/" + this.organizationId + "/membership-requests?status=PENDING", staff);
		assertThat(pending.body().size()).isEqualTo(1);
		Api.Response approved = this.api
			.post("/membership-requests/" + pending.body().get(0).path("id").asString() + "/approve", null, staff);
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
	}

	/** Reloads until the server's answer shows the text (written after the response). */
	private static void reloadUntilVisible(Page page, String text) {
		org.awaitility.Awaitility.await(text)
			.atMost(java.time.Duration.ofSeconds(5))
			.pollInterval(java.time.Duration.ofMillis(250))
			.until(() -> {
				if (page.getByText(text).count() > 0) {
					return true;
				}
				page.reload();
				return false;
			});
		assertThat(page.getByText(text)).isVisible();
	}

	private static String idNumberEndingInX() {
		String idNumber = IdNumbers.random();
		while (!idNumber.endsWith("X")) {
			idNumber = IdNumbers.random();
		}
		return idNumber;
	}

	/** A trailing X typed in lower case, as volunteers do (RULES §1). */
	private static String lowerCaseX(String idNumber) {
		return idNumber.endsWith("X") ? idNumber.substring(0, 17) + "x" : idNumber;
	}

	private record Button(Page page, String name) {

		com.microsoft.playwright.Locator locator() {
			return this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(this.name).setExact(true));
		}

	}

}
