package org.yixing.web;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.IdNumbers;
import org.yixing.test.Organizations;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platform staff's console pages: a new integrity agreement that check-in then requires,
 * a device binding released for a changed phone, and a roster imported from .xlsx.
 */
@ApiTest
class PlatformConsoleTests {

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	WebSession staff;

	@BeforeEach
	void staffSignedIn() {
		new Attendance(this.api).fixClock("2026-12-01T10:00:00+08:00");
		this.staff = WebSession.signedIn(this.port, Staff.ID_NUMBER, Staff.PASSWORD);
	}

	@Test
	void aNewAgreementVersionIsWhatCheckInRequiresFromThenOn() {
		this.staff.get("/admin/agreement");
		assertThat(this.staff.post("/admin/agreement", Map.of("version", "2026-12", "text", "新的诚信协议正文")).status())
			.isEqualTo(302);
		Api.Response current = this.api.get("/agreements/current");
		assertThat(current.field("version")).isEqualTo("2026-12");
		assertThat(current.field("text")).isEqualTo("新的诚信协议正文");
		this.staff.get("/admin/agreement");
		WebSession.Page again = this.staff.post("/admin/agreement", Map.of("version", "2026-12", "text", "改写"));
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.body()).contains("这个版本号已经用过");
		assertThat(this.api.get("/agreements/current").field("text")).isEqualTo("新的诚信协议正文");
	}

	@Test
	void staffReleaseAChangedPhonesBindingSoThatAnotherAccountMayUseIt() {
		Organizations organizations = new Organizations(this.api);
		Volunteers volunteers = new Volunteers(this.api);
		Attendance attendance = new Attendance(this.api);
		String organization = organizations.createTopLevel("设备协会");
		String code = attendance
			.publish(organization, organizations.staffToken(), "2026-12-01T09:30:00+08:00", "2026-12-01T12:00:00+08:00",
					Map.of("membersOnly", false))
			.field("checkInCode");
		Volunteers.Registered first = volunteers.register();
		Volunteers.Registered second = volunteers.register();
		String phone = Attendance.newDevice();
		String session = attendance.checkIn(first.token(), phone, code).field("sessionId");
		attendance.checkOut(first.token(), phone, session);
		assertThat(attendance.checkIn(second.token(), phone, code).code()).isEqualTo("DEVICE_BOUND_TO_OTHER_ACCOUNT");

		WebSession.Page found = this.staff.get("/admin/devices?q=" + first.idNumber());
		assertThat(found.body()).contains(phone, "测试志愿者");
		assertThat(this.staff.post("/admin/devices/release", Map.of("deviceId", phone, "reason", "换了手机")).status())
			.isEqualTo(302);
		assertThat(attendance.checkIn(second.token(), phone, code).status()).isEqualTo(201);
	}

	@Test
	void staffPublishAnInsuranceProductSeeItsClaimsAndEndIt() {
		this.staff.get("/admin/insurance");
		assertThat(this.staff.post("/admin/insurance",
				Map.of("insurer", "平安保险", "planName", "志愿者意外险", "coverageSummary", "意外伤害", "coverageStart",
						"2026-01-01", "coverageEnd", "2026-12-31", "eligibleOrganizationIds", ""))
			.status()).isEqualTo(302);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		String product = this.api.get("/insurance-products", volunteer.token()).body().get(0).path("id").asString();
		assertThat(this.api.post("/insurance-products/" + product + "/claims", null, volunteer.token()).status())
			.isEqualTo(201);
		WebSession.Page page = this.staff.get("/admin/insurance");
		assertThat(page.body()).contains("志愿者意外险", "2026-01-01 – 2026-12-31");
		assertThat(page.body().replaceAll("\\s+", " ")).contains("<td>1</td>");
		assertThat(this.staff.post("/admin/insurance/" + product + "/end", Map.of()).status()).isEqualTo(302);
		new Attendance(this.api).fixClock("2026-12-02T10:00:00+08:00");
		assertThat(this.api.get("/insurance-products", new Volunteers(this.api).register().token()).body().size())
			.isZero();
		assertThat(this.api.get("/me/policies", volunteer.token()).body().get(0).path("coverageEnd").asString())
			.isEqualTo("2026-12-31");
	}

	@Test
	void theAuditLogTheSignUpRosterAndAMembersLedgerShowWhatHappened() {
		Organizations organizations = new Organizations(this.api);
		Volunteers volunteers = new Volunteers(this.api);
		String organization = organizations.createTopLevel("审计协会");
		Volunteers.Registered volunteer = volunteers.register();
		this.api.post("/membership-requests/" + organizations.apply(organization, volunteer.token()) + "/approve", null,
				organizations.staffToken());
		String activity = new Attendance(this.api)
			.publish(organization, organizations.staffToken(), "2026-12-02T09:30:00+08:00", "2026-12-02T12:00:00+08:00",
					Map.of("capacity", 10))
			.field("id");
		this.api.post("/activities/" + activity + "/sign-up", null, volunteer.token());
		this.api.post("/organizations/" + organization + "/honor-hours", Map.of("idNumber", volunteer.idNumber(),
				"minutes", 90, "reason", "BEFORE_PLATFORM", "description", "2025年社区服务"), organizations.staffToken());

		String audit = this.staff.get("/admin/organizations/" + organization + "/audit").body();
		assertThat(audit).contains("MEMBERSHIP_APPROVED", "测试管理员");
		assertThat(this.staff.get("/admin/organizations/" + organization + "/audit?action=ORGANIZATION_CREATED").body())
			.contains("ORGANIZATION_CREATED")
			.doesNotContain("<code>MEMBERSHIP_APPROVED</code>");
		assertThat(this.staff.get("/admin/activities/" + activity).body()).contains("报名名单 1 / 10", "测试志愿者");
		String ledger = this.staff.get("/admin/organizations/" + organization + "/members/" + volunteer.id() + "/hours")
			.body();
		assertThat(ledger).contains("2025年社区服务", "1小时30分钟", "荣誉时数");
	}

	@Test
	void anOrganizationMovesBelowAnotherWithEverythingBelowIt() {
		Organizations organizations = new Organizations(this.api);
		String staffToken = organizations.staffToken();
		String from = organizations.createTopLevel("原学校" + System.nanoTime() % 100_000);
		String college = organizations.create(staffToken, from, "外语学院", "420111", "LISTED");
		String to = organizations.createTopLevel("新学校" + System.nanoTime() % 100_000);
		WebSession.Page page = this.staff.get("/admin/organizations/" + college);
		String targets = page.body().substring(page.body().indexOf("<select id=\"parentId\""));
		targets = targets.substring(0, targets.indexOf("</select>"));
		assertThat(targets).contains("value=\"" + to + "\"")
			.doesNotContain("value=\"" + college + "\"")
			.doesNotContain("value=\"" + from + "\"");
		assertThat(this.staff.post("/admin/organizations/" + college + "/move", Map.of("parentId", to)).status())
			.isEqualTo(302);
		assertThat(this.api.get("/organizations/" + college, staffToken).field("parentId")).isEqualTo(to);
		this.staff.get("/admin/organizations/" + to);
		WebSession.Page intoItself = this.staff.post("/admin/organizations/" + to + "/move",
				Map.of("parentId", college));
		assertThat(intoItself.status()).isEqualTo(409);
		assertThat(intoItself.body()).contains("不能将组织移动到其自身或下级组织之下");
	}

	@Test
	void membersAreFoundByTheirWholePhoneNumberOrTheEndOfTheirIdNumber() {
		Organizations organizations = new Organizations(this.api);
		String organization = organizations.createTopLevel("搜索协会" + System.nanoTime() % 100_000);
		Volunteers volunteers = new Volunteers(this.api);
		Volunteers.Registered first = volunteers.register();
		Volunteers.Registered second = volunteers.register();
		organizations.addMember(organization, first.idNumber());
		organizations.addMember(organization, second.idNumber());
		String members = "/admin/organizations/" + organization + "/members?q=";
		String byPhone = this.staff.get(members + first.phone()).body();
		assertThat(byPhone).contains(first.id()).doesNotContain(second.id());
		String byId = this.staff.get(members + second.idNumber().substring(14)).body();
		assertThat(byId).contains(second.id());
		assertThat(this.staff.get(members + "13000000000").body()).doesNotContain(first.id())
			.doesNotContain(second.id());
	}

	@Test
	void aRosterSpreadsheetCreatesAccountsAndReportsEveryLine() throws Exception {
		String fresh = IdNumbers.random();
		String registered = new Volunteers(this.api).register().idNumber();
		byte[] xlsx;
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			var sheet = workbook.createSheet();
			String[][] rows = { { "姓名", "身份证号", "手机号" }, { "赵六", fresh, "" }, { "钱七", registered, "" },
					{ "孙八", "123", "" } };
			for (int r = 0; r < rows.length; r++) {
				Row row = sheet.createRow(r);
				for (int c = 0; c < 3; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			workbook.write(out);
			xlsx = out.toByteArray();
		}
		this.staff.get("/admin/roster");
		WebSession.Page result = this.staff.upload("/admin/roster", "roster.xlsx", xlsx);
		// imported in the background: the answer is where to follow it
		assertThat(result.status()).as(result.body()).isEqualTo(302);
		String job = URI.create(result.header("Location")).getPath();
		assertThat(job).startsWith("/admin/roster/imports/");
		WebSession.Page progress = this.staff.get(job + "/progress");
		long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
		while (!progress.body().contains("roster-result") && System.nanoTime() < until) {
			assertThat(progress.body()).contains("roster-running", "hx-trigger=\"every 2s\"");
			Thread.sleep(200);
			progress = this.staff.get(job + "/progress");
		}
		assertThat(progress.body()).contains("roster-result", "身份证号码格式不正确", "data:text/csv")
			.doesNotContain("hx-trigger");
		assertThat(this.staff.get(job).body()).contains("roster-result", "身份证号码格式不正确");
		assertThat(this.staff.get("/admin/roster").body()).contains("最近的导入", job, "已完成");
		assertThat(this.api.post("/auth/token", Map.of("account", fresh, "password", fresh.substring(10))).status())
			.isEqualTo(200);
	}

	/**
	 * A spreadsheet keeps 15 digits of a number: the template's ID number column is text,
	 * so that the 18 characters typed into it stay as typed.
	 */
	@Test
	void theRosterTemplateKeepsIdNumbersAsText() throws Exception {
		assertThat(this.staff.get("/admin/roster").body()).contains("id=\"roster-template\"",
				"href=\"/admin/roster/template.xlsx\"", "下载模板（.xlsx）");
		byte[] template = this.staff.download("/admin/roster/template.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(template))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("身份证号");
			assertThat(sheet.getColumnStyle(1).getDataFormatString()).isEqualTo("@");
			// filled in, it imports
			String idNumber = IdNumbers.random();
			Row row = sheet.createRow(1);
			row.createCell(0).setCellValue("模板用户");
			row.createCell(1).setCellValue(idNumber);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			workbook.write(out);
			WebSession.Page started = this.staff.upload("/admin/roster", "名册.xlsx", out.toByteArray());
			assertThat(started.status()).as(started.body()).isEqualTo(302);
			String job = URI.create(started.header("Location")).getPath();
			long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
			while (!this.staff.get(job + "/progress").body().contains("roster-result") && System.nanoTime() < until) {
				Thread.sleep(200);
			}
			assertThat(this.api.post("/auth/token", Map.of("account", idNumber, "password", idNumber.substring(10)))
				.status()).isEqualTo(200);
		}
	}

	/**
	 * Honor hours in bulk read the ID number column as the roster does: one typed into a
	 * number cell is refused with the reason, nothing written.
	 */
	@Test
	void anHonorHoursSpreadsheetWithAnIdNumberKeptAsANumberSaysWhy() throws Exception {
		Organizations organizations = new Organizations(this.api);
		String organization = organizations.createTopLevel("工时表格协会" + System.nanoTime() % 100_000);
		String hours = "/admin/organizations/" + organization + "/hours";
		this.staff.get(hours);
		byte[] template = this.staff.download(hours + "/template.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(template))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getColumnStyle(0).getDataFormatString()).isEqualTo("@");
			Row row = sheet.getRow(1);
			row.createCell(0).setCellValue(Double.parseDouble(IdNumbers.random().replace("X", "1")));
			row.getCell(3).setCellValue("敬老服务");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			workbook.write(out);
			WebSession.Page refused = this.staff.upload(hours + "/import", "工时.xlsx", out.toByteArray());
			assertThat(refused.status()).isEqualTo(422);
			assertThat(refused.body()).contains("身份证号被表格存成了数字（如4.20102E+17），末几位已丢失");
		}
	}

	/** A service date typed as text is read in the ways people write dates. */
	@Test
	void honorHoursInBulkTakeServiceDatesAsPeopleWriteThem() throws Exception {
		Organizations organizations = new Organizations(this.api);
		String organization = organizations.createTopLevel("工时日期协会" + System.nanoTime() % 100_000);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		organizations.addMember(organization, volunteer.idNumber());
		String hours = "/admin/organizations/" + organization + "/hours";
		this.staff.get(hours);
		byte[] template = this.staff.download(hours + "/template.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(template))) {
			var sheet = workbook.getSheetAt(0);
			String[] dates = { "2025年10月1日", "2025/10/2", "２０２５．１０．３" };
			for (int r = 0; r < dates.length; r++) {
				Row row = (r == 0) ? sheet.getRow(1) : sheet.createRow(r + 1);
				row.createCell(0).setCellValue(volunteer.idNumber());
				row.createCell(1).setCellValue(30);
				row.createCell(2).setCellValue("BEFORE_PLATFORM");
				row.createCell(3).setCellValue("敬老服务 " + r);
				row.createCell(4).setCellValue(dates[r]);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			workbook.write(out);
			WebSession.Page recorded = this.staff.upload(hours + "/import", "工时.xlsx", out.toByteArray());
			assertThat(recorded.status()).as(recorded.body()).isEqualTo(302);
			assertThat(recorded.header("Location")).endsWith("recorded=3");
		}
		assertThat(this.api.get("/me/hours", volunteer.token()).body().path("honorMinutes").asLong()).isEqualTo(90);
		var entries = this.api.get("/me/hours/entries", volunteer.token()).body().toString();
		assertThat(entries).contains("2025-10-01", "2025-10-02", "2025-10-03");
	}

	/** 批量添加成员 on the members page: the result is shown with each line not added. */
	@Test
	void membersAddedInBulkFromThePageAreShownWithTheLinesNotAdded() {
		Organizations organizations = new Organizations(this.api);
		String organization = organizations.createTopLevel("批量成员协会" + System.nanoTime() % 100_000);
		Volunteers volunteers = new Volunteers(this.api);
		Volunteers.Registered first = volunteers.register();
		Volunteers.Registered second = volunteers.register();
		String members = "/admin/organizations/" + organization + "/members";
		assertThat(this.staff.get(members).body()).contains("批量添加成员", "每次最多500行");
		WebSession.Page page = this.staff.post(members + "/batch",
				Map.of("idNumbers", first.idNumber() + "\r\n" + second.idNumber() + "\r\n\r\n123\r\n"));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"member-batch\"", "已添加2人，已是成员0人，未添加1行", "<td>4</td>", "身份证号码格式不正确",
				first.id(), second.id());
		WebSession.Page tooMany = this.staff.post(members + "/batch",
				Map.of("idNumbers", (first.idNumber() + "\n").repeat(501)));
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.body()).contains("每次最多添加500行").doesNotContain("id=\"member-batch\"");
	}

}
