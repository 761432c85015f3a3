package org.yixing.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Axe;
import org.yixing.test.Browser;
import org.yixing.test.BrowserTest;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core finds nothing serious or critical on the key pages (issue 23): the app's home,
 * login, code page, live check-in, timer and 我的 on a 360×640 phone; the console's
 * overview, an activity with its live attendance, and the editor on a 1280×800 laptop.
 */
@ApiTest
class AccessibilityBrowserTests extends BrowserTest {

	Volunteers volunteers;

	Organizations organizations;

	Attendance attendance;

	String organizationId;

	String activityId;

	String checkInCode;

	Volunteers.Registered admin;

	@BeforeEach
	void anActivityRunsOnCampus() {
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.attendance = new Attendance(this.api);
		this.attendance.fixClock("2026-12-01T10:00:00+08:00");
		this.organizationId = this.organizations.createTopLevel("无障碍协会" + System.nanoTime() % 100_000);
		this.admin = this.volunteers.register();
		this.organizations.addMember(this.organizationId, this.admin.idNumber());
		this.organizations.makeAdmin(this.organizationId, this.admin.id());
		Map<String, Object> extra = Map.of("title", "图书馆志愿服务");
		var published = this.attendance.publish(this.organizationId, this.admin.token(), "2026-12-01T09:30:00+08:00",
				"2026-12-01T12:00:00+08:00", extra);
		this.activityId = published.field("id");
		this.checkInCode = published.field("checkInCode");
	}

	@Test
	void theAppsKeyPagesHaveNoSeriousOrCriticalViolations() {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(this.organizationId, volunteer.idNumber());
		// 首页 with 我报名的活动: one signed up for tomorrow.
		String tomorrow = this.attendance
			.publish(this.organizationId, this.admin.token(), "2026-12-02T09:30:00+08:00", "2026-12-02T12:00:00+08:00",
					Map.of("title", "敬老院陪伴"))
			.field("id");
		assertThat(this.api.post("/activities/" + tomorrow + "/sign-up", null, volunteer.token()).status())
			.isEqualTo(201);
		Map<String, List<String>> found = new LinkedHashMap<>();
		BrowserContext phone = this.browser.phone(Attendance.LAT, Attendance.LNG);
		Page page = phone.newPage();
		page.navigate("/login");
		found.put("login", Axe.seriousViolations(page));
		page.getByLabel("身份证号或手机号").fill(volunteer.phone());
		page.getByLabel("密码").fill(Volunteers.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		assertThat(page.locator(".sign-hero")).isVisible();
		assertThat(page.locator("#joined")).containsText("敬老院陪伴");
		found.put("home", Axe.seriousViolations(page));
		page.navigate("/check-in");
		page.getByLabel("我已阅读并同意诚信协议").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
		assertThat(page.getByLabel("签到码")).isVisible();
		found.put("code", Axe.seriousViolations(page));
		page.getByLabel("签到码").fill(this.checkInCode);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("下一步")).click();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("快速签到计时"))).isEnabled();
		found.put("live check-in", Axe.seriousViolations(page));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("快速签到计时")).click();
		assertThat(page.getByText("签到成功，计时中")).isVisible();
		found.put("timer", Axe.seriousViolations(page));
		page.navigate("/");
		found.put("home, checked in", Axe.seriousViolations(page));
		page.navigate("/me");
		found.put("我的", Axe.seriousViolations(page));
		phone.close();
		assertThat(found).allSatisfy((name, violations) -> assertThat(violations).as(name).isEmpty());
	}

	@Test
	void theConsolesKeyPagesHaveNoSeriousOrCriticalViolations() {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(this.organizationId, volunteer.idNumber());
		this.attendance.checkIn(volunteer.token(), Attendance.newDevice(), this.checkInCode);
		Map<String, List<String>> found = new LinkedHashMap<>();
		Page page = Browser.signIn(this.browser.screen(1280, 800), this.admin.phone(), Volunteers.PASSWORD);
		page.navigate("/admin");
		found.put("overview", Axe.seriousViolations(page));
		page.navigate("/admin/activities/" + this.activityId);
		assertThat(page.getByText("测试志愿者").first()).isVisible();
		found.put("activity and live attendance", Axe.seriousViolations(page));
		page.navigate("/admin/activities/" + this.activityId + "/edit");
		found.put("editor", Axe.seriousViolations(page));
		page.navigate("/admin/organizations/" + this.organizationId + "/activities/new");
		found.put("new activity", Axe.seriousViolations(page));
		assertThat(this.api
			.post("/organizations/" + this.organizationId + "/announcements", Map.of("text", "本周六下午集体培训"),
					this.admin.token())
			.status()).isEqualTo(201);
		page.navigate("/admin/organizations/" + this.organizationId);
		assertThat(page.getByText("本周六下午集体培训")).isVisible();
		found.put("organization with 组织公告", Axe.seriousViolations(page));
		page.context().close();
		assertThat(found).allSatisfy((name, violations) -> assertThat(violations).as(name).isEmpty());
	}

	/** 活动评价, 活动通知 and 候补, on both sides, as they look with something in them. */
	@Test
	void ratingsMessagesAndTheWaitlistHaveNoSeriousOrCriticalViolations() {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(this.organizationId, volunteer.idNumber());
		String device = Attendance.newDevice();
		String session = this.attendance.checkIn(volunteer.token(), device, this.checkInCode).field("sessionId");
		this.attendance.fixClock("2026-12-01T10:40:00+08:00");
		this.attendance.checkOut(volunteer.token(), device, session);
		assertThat(this.api
			.post("/check-ins/" + session + "/rating", Map.of("stars", 4, "comment", "安排得很好"), volunteer.token())
			.status()).isEqualTo(201);
		assertThat(this.api
			.post("/activities/" + this.activityId + "/messages", Map.of("text", "感谢参加！"), this.admin.token())
			.status()).isEqualTo(201);
		String full = this.attendance
			.publish(this.organizationId, this.admin.token(), "2026-12-02T09:00:00+08:00", "2026-12-02T11:00:00+08:00",
					Map.of("title", "敬老院陪伴", "membersOnly", false, "capacity", 1))
			.field("id");
		assertThat(this.api.post("/activities/" + full + "/sign-up", null, this.admin.token()).status()).isEqualTo(201);

		Map<String, List<String>> found = new LinkedHashMap<>();
		Page console = Browser.signIn(this.browser.screen(1280, 800), this.admin.phone(), Volunteers.PASSWORD);
		console.navigate("/admin/activities/" + this.activityId);
		console.locator("#ratings summary").click();
		console.locator("#messages summary").click();
		assertThat(console.getByText("安排得很好")).isVisible();
		assertThat(console.getByText("感谢参加！")).isVisible();
		found.put("活动评价 and 活动通知", Axe.seriousViolations(console));
		console.locator("#messages").scrollIntoViewIfNeeded();
		Browser.screenshot(console, "console-10-ratings-messages");
		console.context().close();
		Page phone = Browser.signIn(this.browser.phone(Attendance.LAT, Attendance.LNG), volunteer.phone(),
				Volunteers.PASSWORD);
		phone.navigate("/activities/" + this.activityId);
		assertThat(phone.getByText("感谢参加！")).isVisible();
		found.put("组织方通知", Axe.seriousViolations(phone));
		phone.navigate("/activities/" + full);
		assertThat(phone.locator("#join-waitlist")).isVisible();
		found.put("full, 候补", Axe.seriousViolations(phone));
		phone.locator("#join-waitlist").click();
		assertThat(phone.locator("#waitlist-position")).isVisible();
		found.put("候补中", Axe.seriousViolations(phone));
		phone.locator("#waitlist-position").scrollIntoViewIfNeeded();
		Browser.screenshot(phone, "29-waitlist");
		phone.context().close();
		assertThat(found).allSatisfy((name, violations) -> assertThat(violations).as(name).isEmpty());
	}

	/** Recruiting: an activity's page before signing in, and the console's 报名海报. */
	@Test
	void theRecruitingPagesHaveNoSeriousOrCriticalViolations() {
		String open = this.attendance.publish(this.organizationId, this.admin.token(), "2026-12-05T09:00:00+08:00",
				"2026-12-05T11:30:00+08:00", Map.of("title", "社区敬老服务", "membersOnly", false, "capacity", 12, "place",
						"东湖社区养老院", "description", "陪老人聊天、读报，协助组织文娱活动。"))
			.field("id");
		Map<String, List<String>> found = new LinkedHashMap<>();
		Page phone = this.browser.phone(Attendance.LAT, Attendance.LNG).newPage();
		phone.navigate("/activities/" + open);
		assertThat(phone.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("登录后报名"))).isVisible();
		found.put("activity before signing in", Axe.seriousViolations(phone));
		Browser.screenshot(phone, "30-activity-preview");
		phone.context().close();
		Page console = Browser.signIn(this.browser.screen(1280, 800), this.admin.phone(), Volunteers.PASSWORD);
		console.navigate("/admin/activities/" + open + "/poster");
		assertThat(console.locator("#poster-qr svg")).isVisible();
		found.put("报名海报", Axe.seriousViolations(console));
		Browser.screenshot(console, "console-11-poster");
		console.context().close();
		assertThat(found).allSatisfy((name, violations) -> assertThat(violations).as(name).isEmpty());
	}

}
