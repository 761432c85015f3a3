package org.yixing.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Browser;
import org.yixing.test.BrowserTest;
import org.yixing.test.Organizations;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's fixes from the walkthrough (issue 23) on a 1280×800 laptop: honor hours
 * for a member picked by name with a confirmation that names the person and the minutes,
 * pending requests below shown from above, staff's user search and figures, destructive
 * actions that ask first, and the activity list's labelled columns.
 */
@ApiTest
class WalkthroughConsoleBrowserTests extends BrowserTest {

	Volunteers volunteers;

	Organizations organizations;

	Attendance attendance;

	String university;

	String universityName;

	Volunteers.Registered admin;

	@BeforeEach
	void aUniversityWithAnAdmin() {
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.attendance = new Attendance(this.api);
		this.attendance.fixClock("2026-12-01T10:00:00+08:00");
		this.universityName = "中南财经政法大学" + System.nanoTime() % 100_000;
		this.university = this.organizations.createTopLevel(this.universityName);
		this.admin = this.volunteers.register();
		this.organizations.addMember(this.university, this.admin.idNumber());
		this.organizations.makeAdmin(this.university, this.admin.id());
	}

	@Test
	void honorHoursGoToAMemberPickedByNameAfterAConfirmationNamingThemAndTheMinutes() {
		Volunteers.Registered member = this.volunteers.register();
		this.organizations.addMember(this.university, member.idNumber());
		Page page = signIn(this.admin.phone());
		page.navigate("/admin/organizations/" + this.university + "/hours");
		page.getByLabel("志愿者（输入姓名或身份证号后四位）").fill(member.idNumber().substring(14));
		Locator choice = page.getByRole(AriaRole.RADIO);
		assertThat(choice).hasCount(1);
		assertThat(choice).isChecked();
		page.getByLabel("时长（分钟）").fill("90");
		page.getByLabel("服务说明").fill("活动现场无信号，负责人证明");
		List<String> asked = new ArrayList<>();
		page.onceDialog((dialog) -> {
			asked.add(dialog.message());
			dialog.dismiss();
		});
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("补录").setExact(true)).click();
		assertThat(asked).containsExactly("确定为测试志愿者补录荣誉时数90分钟吗？");
		assertThat(honorMinutes(member)).isZero();
		page.onceDialog((dialog) -> dialog.accept());
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("补录").setExact(true)).click();
		assertThat(page.getByRole(AriaRole.STATUS)).isVisible();
		assertThat(honorMinutes(member)).isEqualTo(90);

		// 补录工时 on the member's own page comes with them chosen.
		page.navigate("/admin/organizations/" + this.university + "/members");
		page.getByRole(AriaRole.ROW)
			.filter(new Locator.FilterOptions().setHasText(maskedOf(member)))
			.getByRole(AriaRole.LINK)
			.first()
			.click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("补录工时")).click();
		assertThat(page.getByRole(AriaRole.RADIO)).isChecked();
		Browser.screenshot(page, "console-honor-hours-picker");
		page.context().close();
	}

	@Test
	void aRequestWaitingInACollegeShowsOnTheUniversitysOverviewWithWhereItWaits() {
		String college = this.organizations.create(this.organizations.staffToken(), this.university,
				"金融学院志愿者协会" + System.nanoTime() % 100_000, "420111", "LISTED");
		Volunteers.Registered applicant = this.volunteers.register();
		this.organizations.apply(college, applicant.token());
		Page page = signIn(this.admin.phone());
		page.navigate("/admin");
		Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(this.universityName));
		assertThat(row.locator(".badge").first()).hasText("1");
		row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(java.util.regex.Pattern.compile("金融学院")))
			.click();
		assertThat(page.getByText("测试志愿者")).isVisible();
		assertThat(page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("申请留言").setExact(true)))
			.isVisible();

		// A volunteer searching for organizations sees which university a college's
		// association belongs to.
		Page app = this.browser.phone(Attendance.LAT, Attendance.LNG).newPage();
		app.navigate("/login");
		app.getByLabel("身份证号或手机号").fill(applicant.phone());
		app.getByLabel("密码").fill(Volunteers.PASSWORD);
		app.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		app.navigate("/organizations?q=" + java.net.URLEncoder.encode("金融学院", java.nio.charset.StandardCharsets.UTF_8)
				+ "&province=420000&city=420100&district=420111");
		assertThat(app
			.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("金融学院")))
			.first()).containsText(this.universityName + " · ");
		app.context().close();
		page.context().close();
	}

	@Test
	void staffFindAUserByNameEndOfIdOrPhoneAndSeeThePlatformsFigures() {
		Volunteers.Registered someone = this.volunteers.register();
		Page page = signIn(Staff.ID_NUMBER, Staff.PASSWORD);
		page.navigate("/admin/platform");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("平台概况"))).isVisible();
		assertThat(page.locator(".figures .card")).hasCount(4);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("用户查询")).first().click();
		for (String query : new String[] { someone.phone(), someone.idNumber().substring(14) }) {
			page.getByLabel("姓名、身份证号后四位或完整手机号").fill(query);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询")).click();
			assertThat(page.getByRole(AriaRole.CELL,
					new Page.GetByRoleOptions()
						.setName(someone.idNumber().substring(0, 4) + "**********" + someone.idNumber().substring(14))))
				.isVisible();
		}
		Browser.screenshot(page, "console-people");
		page.context().close();
	}

	@Test
	void destructiveActionsAskFirstAndNoAdminIsOfferedToDropTheirOwnRole() {
		Volunteers.Registered member = this.volunteers.register();
		this.organizations.addMember(this.university, member.idNumber());
		Page page = signIn(this.admin.phone());
		page.navigate("/admin/organizations/" + this.university + "/members");
		Locator own = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(maskedOf(this.admin)));
		assertThat(own.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("取消管理员"))).hasCount(0);
		Locator theirs = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(maskedOf(member)));
		List<String> asked = new ArrayList<>();
		page.onceDialog((dialog) -> {
			asked.add(dialog.message());
			dialog.dismiss();
		});
		theirs.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("移除")).click();
		assertThat(asked).containsExactly("确定将测试志愿者移出本组织吗？");
		assertThat(theirs).hasCount(1);
		page.onceDialog((dialog) -> dialog.accept());
		theirs.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("移除")).click();
		assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(maskedOf(member))))
			.hasCount(0);

		String activity = this.attendance
			.publish(this.university, this.admin.token(), "2026-12-01T09:30:00+08:00", "2026-12-01T12:00:00+08:00",
					Map.of())
			.field("id");
		String before = this.api.get("/activities/" + activity, this.admin.token()).field("checkInCode");
		page.navigate("/admin/activities/" + activity + "/code");
		page.onceDialog((dialog) -> {
			asked.add(dialog.message());
			dialog.dismiss();
		});
		// The tests run on localhost: the projected page says the QR cannot be opened.
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("YIXING_PUBLIC_URL");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("重新生成签到码")).click();
		assertThat(asked).last().asString().startsWith("确定重新生成签到码吗？");
		assertThat(this.api.get("/activities/" + activity, this.admin.token()).field("checkInCode")).isEqualTo(before);

		page.navigate("/admin/organizations/" + this.university + "/activities");
		for (String header : new String[] { "活动名称", "时间", "在岗", "已签退", "无效" }) {
			assertThat(page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName(header).setExact(true))
				.first()).isVisible();
		}
		page.context().close();
	}

	@Test
	void theEditorFindsAnEarlierPlaceOfTheOrganizationAndPutsTheCircleThere() {
		this.attendance.publish(this.university, this.admin.token(), "2026-11-20T09:30:00+08:00",
				"2026-11-20T12:00:00+08:00", Map.of("place", "图书馆东门", "geofence", Map.of("type", "CIRCLE", "center",
						Map.of("lat", 30.4801, "lng", 114.3912), "radiusMeters", 150)));
		Page page = signIn(this.admin.phone());
		page.navigate("/admin/organizations/" + this.university + "/activities/new");
		page.getByLabel("搜索地点（本组织以往的活动地点）").fill("图书");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("图书馆东门（150米）")).click();
		assertThat(page.getByLabel("圆心纬度")).hasValue("30.4801");
		assertThat(page.getByLabel("圆心经度")).hasValue("114.3912");
		assertThat(page.getByLabel("半径（米）")).hasValue("150");
		assertThat(page.getByLabel("地点", new Page.GetByLabelOptions().setExact(true))).hasValue("图书馆东门");
		page.context().close();
	}

	private int honorMinutes(Volunteers.Registered volunteer) {
		return this.api.get("/me/hours", volunteer.token()).body().path("honorMinutes").asInt();
	}

	private static String maskedOf(Volunteers.Registered who) {
		return who.idNumber().substring(0, 4) + "**********" + who.idNumber().substring(14);
	}

	private Page signIn(String account) {
		return signIn(account, Volunteers.PASSWORD);
	}

	private Page signIn(String account, String password) {
		return Browser.signIn(this.browser.screen(1280, 800), account, password);
	}

}
