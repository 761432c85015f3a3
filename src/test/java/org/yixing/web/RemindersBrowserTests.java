package org.yixing.web;

import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Browser;
import org.yixing.test.BrowserTest;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RULES §13 on a 360×640 phone: the timer counts down to the check-out deadline and turns
 * to a warning that offers 去签退 in its last 15 minutes; 我的 switches text reminders off.
 */
@ApiTest
class RemindersBrowserTests extends BrowserTest {

	Volunteers volunteers;

	Attendance attendance;

	Volunteers.Registered volunteer;

	String sessionId;

	@BeforeEach
	void aVolunteerIsCheckedInUntilTwelveThirty() {
		this.volunteers = new Volunteers(this.api);
		this.attendance = new Attendance(this.api);
		Organizations organizations = new Organizations(this.api);
		this.attendance.fixClock("2026-12-01T10:00:00+08:00");
		String association = organizations.createTopLevel("提醒协会" + System.nanoTime() % 100_000);
		String code = this.attendance
			.publish(association, organizations.staffToken(), "2026-12-01T09:30:00+08:00", "2026-12-01T12:00:00+08:00",
					Map.of("title", "图书馆志愿服务", "membersOnly", false))
			.field("checkInCode");
		this.volunteer = this.volunteers.register();
		this.sessionId = this.attendance.checkIn(this.volunteer.token(), Attendance.newDevice(), code)
			.field("sessionId");
	}

	@Test
	void theTimerCountsDownToTheDeadlineAndWarnsInItsLastFifteenMinutesWithACheckOutButton() {
		this.attendance.fixClock("2026-12-01T12:00:00+08:00");
		BrowserContext phone = this.browser.phone(Attendance.LAT, Attendance.LNG);
		Page page = Browser.signIn(phone, this.volunteer.phone(), Volunteers.PASSWORD);
		page.navigate("/check-in/sessions/" + this.sessionId);
		assertThat(page.getByText("距签退截止还有")).isVisible();
		assertThat(page.locator(".countdown")).hasText(Pattern.compile("00:(30:00|29:[0-5][0-9])"));
		// It counts down by itself, from the time left the server measured.
		String first = page.locator(".countdown").textContent();
		assertThat(page.locator(".countdown")).not().hasText(first);
		assertThat(page.getByRole(AriaRole.ALERT)).hasCount(0);
		Browser.screenshot(page, "21-timer-countdown");

		// Two seconds before the last 15 minutes: the page turns by itself.
		this.attendance.fixClock("2026-12-01T12:14:58+08:00");
		page.reload();
		assertThat(page.locator("#deadline-warning")).isHidden();
		assertThat(page.getByRole(AriaRole.ALERT)).hasText("签退截止时间快到了，请尽快签退，逾期本次签到无效。");
		assertThat(page.locator("#deadline-card")).hasClass(Pattern.compile("\\bwarn\\b"));
		var checkOut = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("去签退"));
		assertThat(checkOut).isVisible();
		Browser.screenshot(page, "22-timer-warning");
		checkOut.click();
		assertThat(page).hasURL(Pattern.compile("/check-in/sessions/" + this.sessionId + "/check-out$"));
		phone.close();
	}

	@Test
	void aVolunteerTurnsTextRemindersOffInMine() {
		BrowserContext phone = this.browser.phone(Attendance.LAT, Attendance.LNG);
		Page page = Browser.signIn(phone, this.volunteer.phone(), Volunteers.PASSWORD);
		page.navigate("/me");
		var reminders = page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("短信提醒"));
		assertThat(reminders).hasAttribute("aria-checked", "true");
		assertThat(reminders).hasText("已开启");
		reminders.click();
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("已保存");
		assertThat(reminders).hasAttribute("aria-checked", "false");
		assertThat(reminders).hasText("已关闭");
		assertThat(this.api.get("/me/settings", this.volunteer.token()).body().path("smsReminders").asBoolean())
			.isFalse();
		Browser.screenshot(page, "23-me-sms-reminders");
		phone.close();
	}

}
