package org.yixing.web;

import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * The volunteer app's fixes from the walkthrough (issue 23) on a 360×640 phone: the main
 * action whole above the tab bar, the running session on 首页, refusals said at the code
 * step, staying signed in and coming back to the scanned code, the password reset's
 * landing, and the SMS button's own countdown.
 */
@ApiTest
class WalkthroughAppBrowserTests extends BrowserTest {

	Volunteers volunteers;

	Organizations organizations;

	Attendance attendance;

	String organizationId;

	String checkInCode;

	@BeforeEach
	void anActivityRunsOnCampus() {
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.attendance = new Attendance(this.api);
		this.attendance.fixClock("2026-12-01T10:00:00+08:00");
		this.organizationId = this.organizations.createTopLevel("会计学院志愿者协会" + System.nanoTime() % 100_000);
		this.checkInCode = this.attendance
			.publish(this.organizationId, this.organizations.staffToken(), "2026-12-01T09:30:00+08:00",
					"2026-12-01T12:00:00+08:00", Map.of("title", "图书馆志愿服务"))
			.field("checkInCode");
	}

	@Test
	void thePagesMainActionIsWholeAndTappableAboveTheTabBarWithoutScrolling() {
		Volunteers.Registered volunteer = member();
		Page page = signIn(this.browser.phone(Attendance.LAT, Attendance.LNG), volunteer.phone());
		page.navigate("/check-in?code=" + this.checkInCode);
		assertWholeAndTappable(page, "我要签到");
		page.getByLabel("我已阅读并同意诚信协议").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("快速签到计时"))).isEnabled();
		assertWholeAndTappable(page, "快速签到计时");
		Browser.screenshot(page, "07-live-inside");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("快速签到计时")).click();
		assertThat(page.getByText("签到成功，计时中")).isVisible();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("去签到")).click();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("签退"))).isEnabled();
		assertWholeAndTappable(page, "签退");
		// The check-out page speaks of the check-out area.
		assertThat(page.locator("#distance")).hasText("已进入签退范围");
		Browser.screenshot(page, "24-check-out-pinned");
		page.context().close();
	}

	@Test
	void aRunningSessionShowsOnTheHomePageWithItsDeadlineAndACheckOutButton() {
		Volunteers.Registered volunteer = member();
		String session = this.attendance.checkIn(volunteer.token(), Attendance.newDevice(), this.checkInCode)
			.field("sessionId");
		Page page = signIn(this.browser.phone(Attendance.LAT, Attendance.LNG), volunteer.phone());
		Locator card = page.locator("section.running");
		assertThat(card).containsText("计时中");
		assertThat(card).containsText("图书馆志愿服务");
		assertThat(card).containsText("签退截止：2026-12-01 12:30");
		assertThat(card.locator(".timer")).hasText(Pattern.compile("00:00:\\d\\d"));
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasCount(1);
		Browser.screenshot(page, "25-home-running");
		card.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("去签退")).click();
		assertThat(page).hasURL(Pattern.compile("/check-in/sessions/" + session + "/check-out$"));
		page.context().close();
	}

	@Test
	void aNonMemberIsToldAtTheCodeStepWithAJoinLinkBeforeTheMapAndTheButton() {
		Volunteers.Registered outsider = this.volunteers.register();
		Page page = signIn(this.browser.phone(Attendance.LAT, Attendance.LNG), outsider.phone());
		page.navigate("/check-in?code=" + this.checkInCode);
		page.getByLabel("我已阅读并同意诚信协议").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
		Locator alert = page.getByRole(AriaRole.ALERT);
		assertThat(alert).containsText("您暂未加入该组织，无法签到");
		alert.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("加入组织")).click();
		assertThat(page).hasURL(Pattern.compile("/organizations/" + this.organizationId + "$"));

		// Outside the window, the same page says so at once.
		this.organizations.addMember(this.organizationId, outsider.idNumber());
		this.attendance.fixClock("2026-12-01T13:00:00+08:00");
		page.navigate("/check-in?code=" + this.checkInCode);
		page.getByLabel("我已阅读并同意诚信协议").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("活动已结束或暂未开始");
		page.context().close();
	}

	@Test
	void aVolunteerStaysSignedInByDefaultAndAScannedCodeSurvivesTheSignIn() {
		Volunteers.Registered volunteer = member();
		BrowserContext phone = this.browser.phone(Attendance.LAT, Attendance.LNG);
		Page page = phone.newPage();
		// Signed out, the phone's scanner opens the projected QR's address.
		page.navigate("/check-in?code=" + this.checkInCode);
		assertThat(page).hasURL(Pattern.compile("/login\\?next="));
		assertThat(page.getByLabel("30天内自动登录")).isChecked();
		page.getByLabel("身份证号或手机号").fill(volunteer.phone());
		page.getByLabel("密码").fill(Volunteers.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		assertThat(page.getByLabel("我已阅读并同意诚信协议")).isVisible();
		page.getByLabel("我已阅读并同意诚信协议").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("快速签到计时"))).isVisible();
		// The sign-in outlives the browser: its cookie is persistent.
		assertThat(phone.cookies()).filteredOn((c) -> c.expires != null && c.expires > 0)
			.extracting((c) -> c.name)
			.isNotEmpty();
		phone.close();
	}

	@Test
	void getCodeCountsDownOnTheButtonItselfInsteadOfARefusalOnTheSecondTap() {
		BrowserContext phone = this.browser.phone(Attendance.LAT, Attendance.LNG);
		Page page = phone.newPage();
		page.navigate("/register");
		page.waitForLoadState();
		String number = IdNumbers.randomPhone();
		page.getByLabel("手机号").fill(number);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("获取验证码")).click();
		Locator button = page.locator("#sms-button");
		assertThat(button).hasText(Pattern.compile("\\d{1,2}s后重新获取"));
		assertThat(button).isDisabled();
		Browser.screenshot(page, "26-sms-countdown");
		// The page comes again (e.g. after a refused registration): the second tap within
		// the minute counts down too, with no red refusal.
		page.reload();
		page.waitForLoadState();
		page.getByLabel("手机号").fill(number);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("获取验证码")).click();
		assertThat(button).hasText(Pattern.compile("\\d{1,2}s后重新获取"));
		assertThat(page.locator("#sms-status")).not().hasClass(Pattern.compile("field-error"));
		phone.close();
	}

	@Test
	void theFacePageWithoutACameraLeavesNoBlankGap() {
		Volunteers.Registered volunteer = member();
		Page page = signIn(this.browser.phone(Attendance.LAT, Attendance.LNG), volunteer.phone());
		page.navigate("/me/face");
		Locator camera = page.locator("[data-face-camera]");
		assertThat(camera).hasClass(Pattern.compile("\\bno-camera\\b"));
		assertThat(camera.locator("video")).isHidden();
		// No 3:4 black frame (about 430 px high here): the picture picker and the status
		// line.
		assertThat(camera.boundingBox().height).isLessThan(160);
		page.context().close();
	}

	private Volunteers.Registered member() {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(this.organizationId, volunteer.idNumber());
		return volunteer;
	}

	private Page signIn(BrowserContext context, String account) {
		return Browser.signIn(context, account, Volunteers.PASSWORD);
	}

	/**
	 * The button lies whole inside the viewport above the tab bar, and each of its
	 * corners and its centre is the button itself where a finger would touch: nothing
	 * (such as the raised 签到 circle) covers it.
	 */
	private static void assertWholeAndTappable(Page page, String name) {
		Locator button = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
		BoundingBox box = button.boundingBox();
		int height = page.viewportSize().height;
		assertThat(box.y).as(name + " top").isGreaterThanOrEqualTo(0);
		assertThat(box.y + box.height).as(name + " bottom").isLessThanOrEqualTo(height);
		for (double[] at : new double[][] { { 0.05, 0.1 }, { 0.95, 0.1 }, { 0.05, 0.9 }, { 0.95, 0.9 }, { 0.5, 0.5 },
				{ 0.5, 0.9 } }) {
			double x = box.x + box.width * at[0];
			double y = box.y + box.height * at[1];
			Object hit = page.evaluate("([x, y, name]) => { const e = document.elementFromPoint(x, y);"
					+ " return !!e && !!e.closest('button, a') && e.closest('button, a').textContent.trim() === name; }",
					java.util.List.of(x, y, name));
			assertThat(hit).as(name + " at " + at[0] + "," + at[1]).isEqualTo(true);
		}
	}

}
