package org.yixing.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Browser;
import org.yixing.test.BrowserTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Organizations;
import org.yixing.test.QrCodes;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;
import tools.jackson.databind.JsonNode;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The admin console in a laptop's browser (and one run on a tablet): approve a member,
 * publish activities by drawing a circle and a polygon with the mouse, project the code
 * and its QR, watch a volunteer check in live, export the list, record honor hours in
 * bulk, and, as staff, approve an ID-photo recovery.
 */
@ApiTest
class AdminConsoleBrowserTests extends BrowserTest {

	/** The spreadsheets the tests upload. */
	@TempDir
	Path uploads;

	Volunteers volunteers;

	Organizations organizations;

	Attendance attendance;

	String organizationId;

	String organizationName;

	Volunteers.Registered admin;

	@BeforeEach
	void anAssociationWithAnAdmin() {
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.attendance = new Attendance(this.api);
		this.attendance.fixClock("2026-12-01T10:00:00+08:00");
		this.organizationName = "会计学院志愿者协会" + System.nanoTime() % 100_000;
		this.organizationId = this.organizations.createTopLevel(this.organizationName);
		this.admin = this.volunteers.register();
		this.organizations.addMember(this.organizationId, this.admin.idNumber());
		this.organizations.makeAdmin(this.organizationId, this.admin.id());
	}

	@Test
	void anAdminApprovesAPendingRequestFromTheDashboard() {
		Volunteers.Registered applicant = this.volunteers.register();
		this.organizations.apply(this.organizationId, applicant.token());
		this.attendance.publish(this.organizationId, this.volunteers.login(this.admin.idNumber(), Volunteers.PASSWORD),
				"2026-12-01T09:00:00+08:00", "2026-12-01T12:00:00+08:00", new HashMap<>(Map.of("title", "敬老院陪伴")));
		Page page = signIn(this.browser.screen(1280, 800), this.admin.phone());
		page.navigate("/admin");
		assertThat(
				page.locator("#today").getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("敬老院陪伴")))
			.containsText("进行中");
		Locator row = page.locator("table", new Page.LocatorOptions().setHasText("待审核申请"))
			.getByRole(AriaRole.ROW)
			.filter(new Locator.FilterOptions().setHasText(this.organizationName));
		assertThat(row).containsText("1");
		Browser.screenshot(page, "console-01-dashboard");
		row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("1").setExact(true)).click();
		assertThat(page.getByText("测试志愿者")).isVisible();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("通过").setExact(true)).click();
		assertThat(page.getByText("已处理 1 条申请")).isVisible();
		assertThat(this.api.get("/me/organizations", applicant.token()).body().size()).isEqualTo(1);
		page.context().close();
	}

	@Test
	void anAdminPublishesAnActivityByDrawingACircleOnTheMap() {
		Page page = signIn(this.browser.screen(1280, 800), this.admin.phone());
		page.navigate("/admin/organizations/" + this.organizationId + "/activities/new");
		page.getByLabel("活动名称").fill("图书馆志愿服务");
		BoundingBox box = zoomedInMap(page);
		// Click the centre, then drag the radius handle 200 px further east.
		double[] centre = clickMap(page, box, 150, 200);
		BoundingBox at = page.locator(".vertex-handle:not(.centre-handle)").boundingBox();
		long fromX = Math.round(at.x + at.width / 2);
		long fromY = Math.round(at.y + at.height / 2);
		page.mouse().move(fromX, fromY);
		page.mouse().down();
		page.mouse().move(fromX + 100, fromY, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
		page.mouse().move(fromX + 200, fromY, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
		page.mouse().up();
		BoundingBox end = page.locator(".vertex-handle:not(.centre-handle)").boundingBox();
		assertThat(end.x - at.x).as("the handle followed the mouse").isCloseTo(200, within(1.0));
		double[] edge = latLng(page, end.x + end.width / 2 - box.x, end.y + end.height / 2 - box.y);
		double radius = metres(centre, edge[0], edge[1]);
		assertThat(radius).isBetween(50.0, 5000.0);
		page.evaluate("() => window.yixingFenceEditor.map.setZoom(16, { animate: false })");
		Browser.screenshot(page, "console-02-editor-circle");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发布")).click();
		assertThat(page.getByText("活动已发布")).isVisible();

		JsonNode fence = publishedFence(page);
		assertThat(fence.path("type").asString()).isEqualTo("CIRCLE");
		assertThat(metres(centre, fence.path("center"))).isLessThan(1.0);
		assertThat(fence.path("radiusMeters").asDouble()).isCloseTo(radius, within(1.0));
		page.context().close();
	}

	/**
	 * 取消活动 from the editor, after a confirmation; the volunteer who signed up reads why
	 * on the activity's page, on a phone.
	 */
	@Test
	void anAdminCancelsAnActivityAndTheSignedUpVolunteerReadsWhy() {
		String id = this.attendance
			.publish(this.organizationId, this.admin.token(), "2026-12-02T09:00:00+08:00", "2026-12-02T11:00:00+08:00",
					Map.of("membersOnly", false, "place", "东湖绿道"))
			.field("id");
		Volunteers.Registered volunteer = this.volunteers.register();
		assertThat(this.api.post("/activities/" + id + "/sign-up", null, volunteer.token()).status()).isEqualTo(201);
		Page page = signIn(this.browser.screen(1280, 800), this.admin.phone());
		page.navigate("/admin/activities/" + id + "/edit");
		page.getByLabel("取消原因（将告知已报名的志愿者）").fill("明天有大雨，活动取消，改期另行通知");
		List<String> asked = new ArrayList<>();
		page.onceDialog((dialog) -> {
			asked.add(dialog.message());
			dialog.accept();
		});
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("取消活动")).click();
		assertThat(page.getByText("活动已取消，已通知已报名的志愿者")).isVisible();
		assertThat(asked).containsExactly("确定取消该活动吗？取消后不能恢复。");
		assertThat(page.getByText("该活动已取消，原因：明天有大雨，活动取消，改期另行通知")).isVisible();
		Browser.screenshot(page, "console-09-activity-cancelled");
		page.context().close();

		Page phone = signIn(this.browser.phone(Attendance.LAT, Attendance.LNG), volunteer.phone());
		phone.navigate("/activities/" + id);
		assertThat(phone.getByText("该活动已取消，原因：明天有大雨，活动取消，改期另行通知")).isVisible();
		assertThat(phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("报名"))).hasCount(0);
		Browser.screenshot(phone, "28-activity-cancelled");
		phone.context().close();
	}

	@Test
	void anAdminOnATabletPublishesAnActivityByDrawingAPolygon() {
		Page page = signIn(this.browser.screen(820, 1180), this.admin.phone());
		page.navigate("/admin/organizations/" + this.organizationId + "/activities/new");
		page.getByLabel("活动名称").fill("操场清洁");
		page.getByLabel("多边形").check();
		BoundingBox box = zoomedInMap(page);
		double[][] corners = { { 0.2, 0.2 }, { 0.8, 0.22 }, { 0.75, 0.8 }, { 0.25, 0.75 } };
		List<double[]> drawn = new ArrayList<>();
		for (double[] corner : corners) {
			drawn.add(clickMap(page, box, corner[0] * box.width, corner[1] * box.height));
		}
		Browser.screenshot(page, "console-03-editor-polygon");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发布")).click();
		assertThat(page.getByText("活动已发布")).isVisible();

		JsonNode fence = publishedFence(page);
		assertThat(fence.path("type").asString()).isEqualTo("POLYGON");
		assertThat(fence.path("points").size()).isEqualTo(4);
		for (int i = 0; i < 4; i++) {
			assertThat(metres(drawn.get(i), fence.path("points").get(i))).isLessThan(1.0);
		}
		page.context().close();
	}

	@Test
	void theCodePageShowsTheCodeAndAQrCodeOfTheCheckInPageAndTheListFillsLive() throws Exception {
		Api.Response activity = this.attendance.publish(this.organizationId, this.organizations.staffToken(),
				"2026-12-01T09:30:00+08:00", "2026-12-01T12:00:00+08:00", Map.of());
		String code = activity.field("checkInCode");
		Page page = signIn(this.browser.screen(1280, 800), this.admin.phone());
		page.navigate("/admin/activities/" + activity.field("id") + "/code");
		assertThat(page.locator("#check-in-code")).hasText(code);
		Browser.screenshot(page, "console-04-code");
		BufferedImage qr = ImageIO.read(new ByteArrayInputStream(page.locator(".qr").screenshot()));
		String decoded = QrCodes.read(qr);
		assertThat(decoded).isEqualTo(this.browser.baseUrl() + "/check-in?code=" + code);

		// The live list, while a volunteer checks in on a phone.
		page.navigate("/admin/activities/" + activity.field("id"));
		assertThat(page.getByText("还没有人签到。")).isVisible();
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(this.organizationId, volunteer.idNumber());
		BrowserContext phone = this.browser.phone(Attendance.LAT, Attendance.LNG);
		Page app = signIn(phone, volunteer.phone());
		app.navigate(decoded.substring(this.browser.baseUrl().length()));
		app.getByLabel("我已阅读并同意诚信协议").check();
		app.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我要签到")).click();
		Locator quick = app.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("快速签到计时"));
		assertThat(quick).isEnabled();
		quick.click();
		assertThat(app.getByText("签到成功，计时中")).isVisible();
		// No reload: the page polls every 3 s.
		assertThat(page.locator("#attendance table")).containsText("测试志愿者",
				new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
		assertThat(page.locator("#attendance")).containsText("在岗");
		Browser.screenshot(page, "console-05-live-attendance");
		phone.close();

		// The export opens with a real spreadsheet parser.
		Download download = page.waitForDownload(
				() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("导出 .xlsx")).click());
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(download.path()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("姓名 Name");
			Row first = sheet.getRow(1);
			assertThat(first.getCell(0).getStringCellValue()).isEqualTo("测试志愿者");
			assertThat(first.getCell(7).getStringCellValue()).isEqualTo("快速签到");
			assertThat(first.getCell(8).getStringCellValue()).isEqualTo("在岗");
		}
		assertThat(download.suggestedFilename()).isEqualTo("图书馆志愿服务 2026-12-01 签到记录.xlsx");
		page.context().close();
	}

	@Test
	void bulkHonorHoursWithOneBadRowWriteNothingAndNameTheRow() throws Exception {
		Volunteers.Registered first = this.volunteers.register();
		Volunteers.Registered second = this.volunteers.register();
		this.organizations.addMember(this.organizationId, first.idNumber());
		this.organizations.addMember(this.organizationId, second.idNumber());
		Page page = signIn(this.browser.screen(1280, 800), this.admin.phone());
		page.navigate("/admin/organizations/" + this.organizationId + "/hours");
		Path bad = spreadsheet(List.of(List.of(first.idNumber(), "120", "BEFORE_PLATFORM", "2025年社区服务", "2025-10-01"),
				List.of(second.idNumber(), "60", "FORGOT_CHECK_OUT", "忘记签退", ""),
				List.of(IdNumbers.random(), "30", "NO_SIGNAL", "没有账号的人", "")));
		page.getByLabel("补录表格").setInputFiles(bad);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("上传并补录")).click();
		assertThat(page.locator("#row-errors")).containsText("第3行：该原因不符合工时补录条件");
		assertThat(page.locator("#row-errors")).containsText("第4行");
		assertThat(page.locator("#row-errors li")).hasCount(2);
		assertThat(honorMinutes(first)).isZero();

		Path good = spreadsheet(List.of(List.of(first.idNumber(), "120", "BEFORE_PLATFORM", "2025年社区服务", "2025-10-01"),
				List.of(second.idNumber(), "45", "NO_SIGNAL", "现场没有信号", "")));
		page.getByLabel("补录表格").setInputFiles(good);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("上传并补录")).click();
		assertThat(page.getByText("已补录 2 条荣誉时数")).isVisible();
		assertThat(honorMinutes(first)).isEqualTo(120);
		assertThat(honorMinutes(second)).isEqualTo(45);
		page.context().close();
	}

	/** RULES §10: the ranking for a range, the top ten marked, and its spreadsheet. */
	@Test
	void anAdminSeesTheRankingAndDownloadsIt() throws Exception {
		String staff = this.organizations.staffToken();
		Volunteers.Registered more = this.volunteers.register();
		Volunteers.Registered less = this.volunteers.register();
		this.organizations.addMember(this.organizationId, more.idNumber());
		this.organizations.addMember(this.organizationId, less.idNumber());
		for (Object[] grant : new Object[][] { { more, 180 }, { less, 45 } }) {
			assertThat(this.api.post("/organizations/" + this.organizationId + "/honor-hours",
					Map.of("accountId", ((Volunteers.Registered) grant[0]).id(), "minutes", grant[1], "reason",
							"BEFORE_PLATFORM", "description", "社区服务", "serviceDate", "2026-10-01"),
					staff)
				.status()).isEqualTo(201);
		}
		Page page = signIn(this.browser.screen(1280, 800), this.admin.phone());
		page.navigate("/admin/organizations/" + this.organizationId);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("排行")).click();
		assertThat(page.locator("table.data tbody tr")).hasCount(2);
		assertThat(page.locator("table.data tbody tr").first()).containsText("3小时");
		assertThat(page.locator("table.data tbody tr").first()).containsText("十佳候选");
		Browser.screenshot(page, "console-06-rankings");
		com.microsoft.playwright.Download download = page.waitForDownload(
				() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("下载排行（Excel）")).click());
		try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
				download.createReadStream())) {
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(2);
			assertThat(workbook.getSheetAt(0).getRow(1).getCell(6).getNumericCellValue()).isEqualTo(180);
		}
		page.context().close();
	}

	@Test
	void anAdminSeesTheChartsSetsTheCreditRuleAndDownloadsTheExports() throws Exception {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(this.organizationId, volunteer.idNumber());
		assertThat(this.api
			.post("/organizations/" + this.organizationId + "/honor-hours",
					Map.of("accountId", volunteer.id(), "minutes", 120, "reason", "BEFORE_PLATFORM", "description",
							"社区服务", "serviceDate", "2026-10-02"),
					this.organizations.staffToken())
			.status()).isEqualTo(201);
		Page page = signIn(this.browser.screen(1280, 900), this.admin.phone());
		page.navigate("/admin/organizations/" + this.organizationId);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("统计与导出")).click();
		assertThat(page.locator("svg.chart")).hasCount(2);
		assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("每月时数"))).isVisible();
		assertThat(page.locator("svg.chart").first()).containsText("信用时数（小时）");
		assertThat(page.locator("svg.chart").first()).containsText("1人");
		page.getByLabel("每学分分钟数").fill("60");
		page.getByLabel("荣誉时数也计入").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存规则")).click();
		assertThat(page.getByText("第二课堂学分规则已保存。")).isVisible();
		assertThat(page.getByLabel("每学分分钟数")).hasValue("60");
		Browser.screenshot(page, "console-07-reports");
		page.context()
			.addCookies(List.of(new com.microsoft.playwright.options.Cookie("yixing_lang", "en").setDomain("localhost")
				.setPath("/")));
		page.reload();
		// The chart speaks the page's language.
		assertThat(page.locator("svg.chart").first()).containsText("Credit hours");
		assertThat(page.locator("svg.chart").first()).containsText("1 volunteer");
		assertThat(page.locator("svg.chart").first()).not().containsText("信用时数");
		page.context().clearCookies(new BrowserContext.ClearCookiesOptions().setName("yixing_lang"));
		page.reload();
		com.microsoft.playwright.Download credits = page.waitForDownload(
				() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("下载第二课堂学分（Excel）")).click());
		try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
				credits.createReadStream())) {
			org.apache.poi.ss.usermodel.Sheet sheet = workbook.getSheet("第二课堂学分");
			boolean found = false;
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				if (sheet.getRow(r).getCell(1).getStringCellValue().endsWith(volunteer.idNumber().substring(14))) {
					assertThat(sheet.getRow(r).getCell(6).getNumericCellValue()).isEqualTo(2.0);
					found = true;
				}
			}
			assertThat(found).isTrue();
		}
		com.microsoft.playwright.Download records = page.waitForDownload(
				() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("下载服务记录（CSV）")).click());
		assertThat(new String(records.createReadStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
			.contains(volunteer.idNumber(), "社区服务");
		page.context().close();
	}

	@Test
	void staffApproveAnIdPhotoRecovery() {
		Volunteers.Registered volunteer = this.volunteers.register();
		byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, (byte) 0xFF,
				(byte) 0xD9 };
		String newPhone = IdNumbers.randomPhone();
		String review = this.api
			.multipart("/password-resets/id-photo",
					Map.of("idNumber", volunteer.idNumber(), "realName", "测试志愿者", "newPhone", newPhone), "photo",
					"id.jpg", jpeg, "image/jpeg", null)
			.field("id");
		Page page = signIn(this.browser.screen(1280, 800), Staff.ID_NUMBER, Staff.PASSWORD);
		page.navigate("/admin");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("证件照审核")).click();
		assertThat(page.locator("img[src*='" + review + "']")).isVisible();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("通过").setExact(true)).click();
		assertThat(page.getByText("已通过：新手机号已绑定")).isVisible();
		assertThat(this.api.get("/password-resets/id-photo/" + review).field("status")).isEqualTo("APPROVED");
		// The new phone is bound: the volunteer signs in with it.
		assertThat(this.volunteers.login(newPhone, Volunteers.PASSWORD)).isNotBlank();
		page.context().close();
	}

	/**
	 * A roster import hashes a password per new account, some 30 s per 1,000 on two
	 * cores: it runs in the background, its page follows it to its result, and its button
	 * cannot be pressed twice while the file goes up.
	 */
	@Test
	void staffImportARosterAndFollowItToItsResult() throws Exception {
		String idNumber = IdNumbers.random();
		Path roster = this.uploads.resolve("roster.csv");
		Files.writeString(roster, "姓名,身份证号\n名册志愿者," + idNumber + "\n");
		Page page = signIn(this.browser.screen(360, 640), Staff.ID_NUMBER, Staff.PASSWORD);
		page.navigate("/admin/roster");
		page.locator("#file").setInputFiles(roster);
		// What the button shows once the form is sent, kept by a listener that runs after
		// the page's own and then holds the form back
		page.evaluate("window.addEventListener('submit', function (e) {"
				+ " var b = e.target.querySelector('button[type=submit]');"
				+ " window.busy = b.textContent + '|' + b.disabled; e.preventDefault(); })");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("导入").setExact(true)).click();
		assertThat((String) page.evaluate("window.busy")).isEqualTo("上传中，请稍候……|true");
		// and sent for real: the page follows the import (htmx) until its result
		page.navigate("/admin/roster");
		page.locator("#file").setInputFiles(roster);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("导入").setExact(true)).click();
		assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/admin/roster/imports/[0-9a-f-]{36}$"));
		assertThat(page.locator("#roster-result"))
			.isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
		assertThat(page.locator("#roster-result .big-number").first()).hasText("1");
		assertThat(page.locator("#roster-imports")).not().isVisible();
		page.navigate("/admin/roster");
		assertThat(page.locator("#roster-imports")).containsText("已完成");
		page.goBack();
		Browser.screenshot(page, "console-08-roster");
		assertThat(this.volunteers.login(idNumber, idNumber.substring(10))).isNotBlank();
		page.context().close();
	}

	private Page signIn(BrowserContext context, String account) {
		return signIn(context, account, Volunteers.PASSWORD);
	}

	private Page signIn(BrowserContext context, String account, String password) {
		Page page = context.newPage();
		page.navigate("/login");
		page.getByLabel("身份证号或手机号").fill(account);
		page.getByLabel("密码").fill(password);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		assertThat(page.locator(".sign-hero")).isVisible();
		return page;
	}

	/**
	 * The editor's map at zoom 18 (half a metre a pixel), so that where the mouse lands
	 * is known to well within a metre.
	 */
	private static BoundingBox zoomedInMap(Page page) {
		page.evaluate("() => window.yixingFenceEditor.map.setZoom(18, { animate: false })");
		return page.locator("#fence-map").boundingBox();
	}

	/** Clicks the map at a whole pixel near (x, y) of its box; returns where that is. */
	private static double[] clickMap(Page page, BoundingBox box, double x, double y) {
		long clickX = Math.round(box.x + x);
		long clickY = Math.round(box.y + y);
		page.mouse().click(clickX, clickY);
		return latLng(page, clickX - box.x, clickY - box.y);
	}

	/** Where a point of the map's container lies, as Leaflet computes it. */
	private static double[] latLng(Page page, double x, double y) {
		@SuppressWarnings("unchecked")
		List<Number> at = (List<Number>) page.evaluate(
				"([x, y]) => { const p = window.yixingFenceEditor.map.containerPointToLatLng([x, y]); return [p.lat, p.lng]; }",
				List.of(x, y));
		return new double[] { at.get(0).doubleValue(), at.get(1).doubleValue() };
	}

	private JsonNode publishedFence(Page page) {
		String id = page.url().replaceAll(".*/admin/activities/([0-9a-f-]{36}).*", "$1");
		return this.api.get("/activities/" + id, this.admin.token()).body().path("geofence");
	}

	/**
	 * Metres between two points by the haversine formula: plenty for 1 m at this scale.
	 */
	private static double metres(double[] expected, JsonNode actual) {
		return metres(expected, actual.path("lat").asDouble(), actual.path("lng").asDouble());
	}

	/**
	 * Metres between two points by the haversine formula: plenty for 1 m at this scale.
	 */
	private static double metres(double[] expected, double lat, double lng) {
		double lat1 = Math.toRadians(expected[0]);
		double lat2 = Math.toRadians(lat);
		double dLat = lat2 - lat1;
		double dLng = Math.toRadians(lng - expected[1]);
		double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
				+ Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
		return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
	}

	private long honorMinutes(Volunteers.Registered volunteer) {
		return this.api.get("/me/hours", volunteer.token()).body().path("honorMinutes").asLong();
	}

	private Path spreadsheet(List<List<String>> rows) throws Exception {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("工时补录");
			Row header = sheet.createRow(0);
			String[] columns = { "身份证号", "分钟", "原因", "说明", "服务日期" };
			for (int i = 0; i < columns.length; i++) {
				header.createCell(i).setCellValue(columns[i]);
			}
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(r + 1);
				for (int c = 0; c < rows.get(r).size(); c++) {
					row.createCell(c).setCellValue(rows.get(r).get(c));
				}
			}
			workbook.write(out);
			Path file = Files.createTempFile(this.uploads, "honor-hours", ".xlsx");
			Files.write(file, out.toByteArray());
			return file;
		}
	}

}
