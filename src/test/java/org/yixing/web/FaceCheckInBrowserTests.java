package org.yixing.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Browser;
import org.yixing.test.BrowserTest;
import org.yixing.test.FaceFixtures;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import org.yixing.test.Y4m;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Face check-in in the volunteer's app with Chromium's fake camera playing a real face
 * photo (a fixture of face-api.js's demo photos made into a Y4M video): the consent and
 * enrolment on 我的 → 人脸识别, then 人脸识别签到 from the live location page; and the non-face route
 * in the console, an admin checking a volunteer in by hand.
 */
@ApiTest
class FaceCheckInBrowserTests extends BrowserTest {

	Volunteers volunteers;

	Organizations organizations;

	Attendance attendance;

	String organizationId;

	String activityId;

	String checkInCode;

	@Override
	protected List<String> browserArgs() {
		try {
			Path video = Y4m.write(FaceFixtures.face("sample3-1").image(), Path.of("target/face-camera.y4m"));
			return List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
					"--use-file-for-fake-video-capture=" + video.toAbsolutePath());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeEach
	void anActivityRunsOnCampus() {
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.attendance = new Attendance(this.api);
		this.attendance.fixClock("2026-12-01T10:00:00+08:00");
		this.organizationId = this.organizations.createTopLevel("人脸签到学院" + System.nanoTime() % 100_000);
		Api.Response published = this.attendance.publish(this.organizationId, this.organizations.staffToken(),
				"2026-12-01T09:30:00+08:00", "2026-12-01T12:00:00+08:00",
				Map.of("title", "图书馆志愿服务", "membersOnly", false));
		this.activityId = published.field("id");
		this.checkInCode = published.field("checkInCode");
	}

	@Test
	void aVolunteerEnrolsTheirFaceWithTheCameraAndChecksInByFace() {
		Volunteers.Registered volunteer = this.volunteers.register();
		BrowserContext context = this.browser.phoneWithCamera(Attendance.LAT, Attendance.LNG);
		Page page = context.newPage();
		signIn(page, volunteer.phone());

		// 我的 → 人脸识别: the consent, the camera, 录入人脸.
		page.navigate("/me");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("人脸识别")).click();
		assertThat(page.locator("#face-state")).hasText("未录入");
		assertThat(page.locator("[data-face-status]")).hasText("请正对镜头，脸部放在框内，保持光线充足");
		Browser.screenshot(page, "15-face-enrol");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("录入人脸")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("请先阅读并同意《人脸信息处理规则》");
		page.getByLabel("我已阅读并同意《人脸信息处理规则》", new Page.GetByLabelOptions().setExact(false)).check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("录入人脸")).click();
		assertThat(page.getByText("人脸信息录入成功")).isVisible();
		assertThat(page.locator("#face-state")).hasText("已录入（签到成功前可重新录入）");

		// 签到 → 诚信协议 → 签到码 → the live page offers 人脸识别签到 beside the quick button.
		page.navigate("/check-in?code=" + this.checkInCode);
		page.getByLabel("我已阅读并同意诚信协议").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("人脸识别签到")).click();
		assertThat(page.locator("#distance")).hasText("已进入签到范围");
		assertThat(page.locator("[data-face-status]")).hasText("请正对镜头，脸部放在框内，保持光线充足");
		// Enrolled with consent on record: neither the first-time notice nor the consent
		// again.
		assertThat(page.getByText("首次人脸识别签到会录入您的人脸信息")).hasCount(0);
		assertThat(page.locator("input[name=faceConsentVersion]")).hasCount(0);
		Browser.screenshot(page, "16-face-check-in");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("人脸识别签到")).click();
		assertThat(page.getByText("签到成功，计时中")).isVisible();

		Api.Response sessions = this.api.get("/me/sessions", volunteer.token());
		assertThat(sessions.body().get(0).get("method").asString()).isEqualTo("FACE");
		Api.Response face = this.api.get("/me/face", volunteer.token());
		assertThat(face.body().get("locked").asBoolean()).isTrue();
		context.close();
	}

	@Test
	void theFirstFaceCheckInAsksForConsentAndEnrols() {
		Volunteers.Registered volunteer = this.volunteers.register();
		BrowserContext context = this.browser.phoneWithCamera(Attendance.LAT, Attendance.LNG);
		Page page = context.newPage();
		signIn(page, volunteer.phone());
		page.navigate("/check-in?code=" + this.checkInCode);
		page.getByLabel("我已阅读并同意诚信协议").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("人脸识别签到")).click();
		assertThat(page.getByText("首次人脸识别签到会录入您的人脸信息")).isVisible();
		assertThat(page.locator("#distance")).hasText("已进入签到范围");
		// Pressed while the camera is still opening, the form waits for its first
		// picture.
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("人脸识别签到")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("请先阅读并同意《人脸信息处理规则》");
		page.getByLabel("我已阅读并同意《人脸信息处理规则》", new Page.GetByLabelOptions().setExact(false)).check();
		assertThat(page.locator("#distance")).hasText("已进入签到范围");
		assertThat(page.locator("[data-face-status]")).hasText("请正对镜头，脸部放在框内，保持光线充足");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("人脸识别签到")).click();
		assertThat(page.getByText("签到成功，计时中")).isVisible();
		assertThat(this.api.get("/me/face", volunteer.token()).body().get("locked").asBoolean()).isTrue();
		context.close();
	}

	@Test
	void anAdminChecksAVolunteerInByHandOnTheActivityPage() {
		Volunteers.Registered officer = this.volunteers.register();
		this.organizations.makeAdmin(this.organizationId, officer.id());
		Volunteers.Registered volunteer = this.volunteers.register();
		BrowserContext context = this.browser.screen(1280, 800);
		Page page = context.newPage();
		signIn(page, officer.phone());
		page.navigate("/admin/activities/" + this.activityId);
		page.getByText("现场手动签到").click();
		page.getByLabel("志愿者身份证号").fill(volunteer.idNumber());
		page.getByLabel("原因").fill("不同意人脸识别");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("手动签到")).click();
		assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("手动签到");
		page.getByText("详情").last().click();
		assertThat(page.getByText("管理员现场签到")).isVisible();
		assertThat(page.getByText("不同意人脸识别")).isVisible();
		Browser.screenshot(page, "console-manual-check-in");
		page.navigate("/admin/organizations/" + this.organizationId + "/face-reenrolments");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("人脸重新采集"))).isVisible();
		context.close();
	}

	private void signIn(Page page, String account) {
		page.navigate("/login");
		page.getByLabel("身份证号或手机号").fill(account);
		page.getByLabel("密码").fill(Volunteers.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		page.waitForURL((url) -> !url.contains("/login"));
	}

}
