package org.yixing.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Browser;
import org.yixing.test.BrowserTest;
import org.yixing.test.Organizations;
import org.yixing.test.PersonalCodes;
import org.yixing.test.QrPictures;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;
import org.yixing.test.Y4m;
import tools.jackson.databind.JsonNode;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence you can trust in the browser (RULES §12), with Chromium's fake camera playing
 * QR codes: a volunteer scans the 动态二维码 off the projected page with 扫一扫; the organizer's
 * 扫码签到 page scans personal codes online, then offline (待上传), and uploads them when the
 * network is back; 我的签到码 opens with the phone offline and its code checks in.
 */
@ApiTest
class PresenceBrowserTests extends BrowserTest {

	static final String NOW = "2026-12-01T10:00:00+08:00";

	Volunteers volunteers;

	Organizations organizations;

	Attendance attendance;

	PersonalCodes codes;

	String organizationId;

	@BeforeEach
	void anAssociation() {
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.attendance = new Attendance(this.api);
		this.codes = new PersonalCodes(this.api);
		this.attendance.fixClock(NOW);
		this.organizationId = this.organizations.createTopLevel("扫码签到学院" + System.nanoTime() % 100_000);
	}

	Api.Response activity(String mode) {
		return this.attendance.publish(this.organizationId, this.organizations.staffToken(),
				"2026-12-01T09:30:00+08:00", "2026-12-01T12:00:00+08:00",
				Map.of("title", "图书馆志愿服务", "membersOnly", false, "checkInMode", mode));
	}

	@Test
	void aVolunteerScansTheRotatingQrOffTheProjectedPage() throws IOException {
		String activityId = activity("ROTATING_QR").field("id");
		BrowserContext laptop = this.browser.screen(1280, 800);
		Page display = laptop.newPage();
		signIn(display, Staff.ID_NUMBER, Staff.PASSWORD);
		display.navigate("/admin/activities/" + activityId + "/code");
		Locator qr = display.locator("#rotating-qr .qr svg");
		assertThat(qr).isVisible();
		assertThat(display.locator("#check-in-code")).hasCount(0);
		Browser.screenshot(display, "console-rotating-qr");
		BufferedImage projected = ImageIO.read(new ByteArrayInputStream(qr.screenshot()));
		laptop.close();

		Path video = Y4m.write(projected, Path.of("target/rotating-qr.y4m"));
		Volunteers.Registered volunteer = this.volunteers.register();
		try (Browser withCamera = new Browser(this.port, camera(video))) {
			BrowserContext phone = withCamera.phoneWithCamera(Attendance.LAT, Attendance.LNG);
			Page page = phone.newPage();
			signIn(page, volunteer.phone(), Volunteers.PASSWORD);
			page.navigate("/check-in");
			page.getByLabel("我已阅读并同意诚信协议").check();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("扫一扫")).click();
			// The live page's map tiles may not load here: wait for the address, not the
			// load. Decoding the camera's frames took over 15 s once on a loaded two-core
			// machine (the clock is fixed, so the QR's token cannot expire meanwhile).
			page.waitForURL((url) -> url.contains("/check-in/live") && url.contains("t="),
					new Page.WaitForURLOptions().setWaitUntil(com.microsoft.playwright.options.WaitUntilState.COMMIT)
						.setTimeout(45_000));
			assertThat(page.locator("#distance")).hasText("已进入签到范围");
			Browser.screenshot(page, "17-rotating-qr-scanned");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("快速签到计时")).click();
			assertThat(page.getByText("签到成功，计时中")).isVisible();
			assertThat(withCamera.pageErrors()).isEmpty();
		}
		JsonNode session = this.api.get("/me/sessions", volunteer.token()).body().get(0);
		assertThat(session.get("status").asString()).isEqualTo("OPEN");
	}

	@Test
	void theOrganizerScansPersonalCodesOnlineThenOfflineAndTheyUploadWhenTheNetworkIsBack() throws IOException {
		String activityId = activity("ORGANIZER_SCAN").field("id");
		List<Volunteers.Registered> people = List.of(this.volunteers.register(), this.volunteers.register(),
				this.volunteers.register(), this.volunteers.register());
		List<String> shown = people.stream()
			.map((p) -> this.codes.issue(p.token()).codeAt(java.time.OffsetDateTime.parse(NOW)))
			.toList();
		for (Volunteers.Registered person : people) {
			this.organizations.addMember(this.organizationId, person.idNumber());
		}

		// Online: the first volunteer's code, checked in at once.
		Path first = Y4m.write(List.of(QrPictures.of(shown.get(0))), 1, 5, Path.of("target/personal-code-1.y4m"));
		try (Browser withCamera = new Browser(this.port, camera(first))) {
			BrowserContext phone = withCamera.phoneWithCamera(Attendance.LAT, Attendance.LNG);
			Page page = phone.newPage();
			signIn(page, Staff.ID_NUMBER, Staff.PASSWORD);
			page.navigate("/admin/activities/" + activityId + "/scan");
			assertThat(page.locator("#scan-list li").first()).containsText("签到成功");
			assertThat(page.locator("#scan-list li").first()).containsText(people.get(0).idNumber().substring(0, 4));
			Browser.screenshot(page, "18-organizer-scan");
			assertThat(withCamera.pageErrors()).isEmpty();
		}
		assertThat(sessions(activityId)).hasSize(1);

		// Offline: three more volunteers, kept on the phone as 待上传 with their names.
		Path three = Y4m.write(
				List.of(QrPictures.of(shown.get(1)), QrPictures.of(shown.get(2)), QrPictures.of(shown.get(3))), 4, 5,
				Path.of("target/personal-codes-3.y4m"));
		try (Browser withCamera = new Browser(this.port, camera(three))) {
			BrowserContext phone = withCamera.phoneWithCamera(Attendance.LAT, Attendance.LNG);
			Page page = phone.newPage();
			signIn(page, Staff.ID_NUMBER, Staff.PASSWORD);
			page.navigate("/admin/activities/" + activityId + "/scan");
			assertThat(page.locator("#scan-network")).containsText("已联网");
			phone.setOffline(true);
			assertThat(page.locator("#scan-list li[data-state=pending]")).hasCount(3);
			assertThat(page.locator("#scan-network")).containsText("待上传 3 条");
			assertThat(page.locator("#scan-list li[data-state=pending]").first()).containsText("测试志愿者");
			Browser.screenshot(page, "19-organizer-scan-offline");
			assertThat(sessions(activityId)).hasSize(1);
			// The page is closed while offline; nothing is lost.
			page.close();
			phone.setOffline(false);
			Page again = phone.newPage();
			again.navigate("/admin/activities/" + activityId + "/scan");
			await().atMost(java.time.Duration.ofSeconds(20)).until(() -> sessions(activityId).size() == 4);
			assertThat(again.locator("#scan-list li[data-state=pending]")).hasCount(0);
			assertThat(withCamera.pageErrors()).isEmpty();
		}
		assertThat(sessions(activityId)).allSatisfy((s) -> assertThat(s.get("method").asString()).isEqualTo("SCAN"));

		// And live attendance shows them.
		BrowserContext laptop = this.browser.screen(1280, 800);
		Page console = laptop.newPage();
		signIn(console, Staff.ID_NUMBER, Staff.PASSWORD);
		console.navigate("/admin/activities/" + activityId);
		assertThat(console.locator("#attendance table tbody tr")).hasCount(4);
		assertThat(console.getByText("管理员扫码签到").first()).isAttached();
		laptop.close();
	}

	@Test
	void myCheckInCodeOpensOfflineAndChecksIn() {
		String activityId = activity("ORGANIZER_SCAN").field("id");
		Volunteers.Registered volunteer = this.volunteers.register();
		BrowserContext phone = this.browser.phoneWithServiceWorker(Attendance.LAT, Attendance.LNG);
		Page page = phone.newPage();
		signIn(page, volunteer.phone(), Volunteers.PASSWORD);
		page.navigate("/me");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("我的签到码")).click();
		assertThat(page.locator("#presence-qr svg")).isVisible();
		page.waitForFunction("navigator.serviceWorker.controller !== null");
		// Visited again with the service worker in control, the page is kept.
		page.reload();
		assertThat(page.locator("#presence-qr svg")).isVisible();

		phone.setOffline(true);
		page.reload();
		assertThat(page.locator("#presence-qr svg")).isVisible();
		assertThat(page.locator("#presence-name")).hasText("测试志愿者");
		assertThat(page.locator("#presence-status")).containsText("当前无网络");
		Browser.screenshot(page, "20-presence-code-offline");
		String code = page.locator("#presence-qr").getAttribute("data-code");
		phone.close();

		Api.Response scanned = this.codes.upload(activityId, this.organizations.staffToken(),
				java.time.OffsetDateTime.parse(NOW),
				List.of(PersonalCodes.scan(code, java.time.OffsetDateTime.parse(NOW))));
		assertThat(scanned.body().get("results").get(0).get("outcome").asString()).as(scanned.toString())
			.isEqualTo("CHECKED_IN");
	}

	private List<JsonNode> sessions(String activityId) {
		return this.api.get("/activities/" + activityId + "/attendance", this.organizations.staffToken())
			.body()
			.valueStream()
			.toList();
	}

	private static List<String> camera(Path video) {
		return List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
				"--use-file-for-fake-video-capture=" + video.toAbsolutePath());
	}

	private static void signIn(Page page, String account, String password) {
		page.navigate("/login");
		page.getByLabel("身份证号或手机号").fill(account);
		page.getByLabel("密码").fill(password);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		page.waitForURL((url) -> !url.contains("/login"));
	}

}
