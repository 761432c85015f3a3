package org.yixing.reporting;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.CampusLogins;
import org.yixing.test.Keycloak;
import org.yixing.test.WebSession;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 第二课堂 credit (a rule per organization, inherited downwards) and the exports for it and
 * for the national volunteer system: each spreadsheet opened with a real parser and held
 * against the API's own figures.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportExportsApiTests {

	static final String TERM = "from=2026-09-01&to=2027-01-31";

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	Organizations organizations;

	String university;

	String college;

	String sibling;

	String collegeAdmin;

	Volunteers.Registered first;

	Volunteers.Registered second;

	@BeforeAll
	void aTermOfService() {
		Attendance attendance = new Attendance(this.api);
		Volunteers volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		String staff = this.organizations.staffToken();
		this.university = this.organizations.createTopLevel("学分大学" + System.nanoTime() % 100_000);
		// RULES §14: first links the university's campus identity (学号 2023010101) before
		// the clock goes back to the term; second does not.
		this.first = volunteers.register();
		CampusLogins.connect(this.api, staff, this.university, Keycloak.started().issuer(), "学分大学统一身份认证", false);
		CampusLogins.link(WebSession.signedIn(this.port, this.first.idNumber(), Volunteers.PASSWORD), this.university,
				"2023010101");
		attendance.fixClock("2026-09-15T09:00:00+08:00");
		this.college = this.organizations.create(staff, this.university, "学分学院", "420111", "LISTED");
		this.sibling = this.organizations.create(staff, this.university, "别的学院", "420111", "LISTED");
		Volunteers.Registered admin = volunteers.register();
		this.organizations.makeAdmin(this.college, admin.id());
		this.collegeAdmin = admin.token();
		this.second = volunteers.register();
		this.organizations.addMember(this.college, this.first.idNumber());
		this.organizations.addMember(this.college, this.second.idNumber());
		// first: 150 credit minutes; second: 90 credit + 100 honor
		attendance.serve(staff, this.college, List.of(this.first), "2026-09-15T10:00:00+08:00",
				"2026-09-15T12:30:00+08:00");
		attendance.serve(staff, this.college, List.of(this.second), "2026-09-16T10:00:00+08:00",
				"2026-09-16T11:30:00+08:00");
		Api.Response honor = this.api.post("/organizations/" + this.college + "/honor-hours",
				Map.of("accountId", this.second.id(), "minutes", 100, "reason", "OFF_CAMPUS_RECOGNISED", "description",
						"=HYPERLINK(\"x\")", "serviceDate", "2026-09-20"),
				staff);
		assertThat(honor.status()).as(honor.toString()).isEqualTo(201);
	}

	@Test
	void anOrganizationWithoutARuleUsesTheNearestOneAboveItOrTheDefault() {
		JsonNode rule = this.api
			.get("/organizations/" + this.sibling + "/second-classroom-rule", this.organizations.staffToken())
			.body();
		if (!rule.path("definedBy").isMissingNode() && !rule.path("definedBy").isNull()) {
			// another test set the university's rule first
			assertThat(rule.path("definedBy").asString()).isEqualTo(this.university);
		}
		else {
			assertThat(rule.path("minutesPerCredit").asInt()).isEqualTo(600);
			assertThat(rule.path("includeHonor").asBoolean()).isFalse();
		}
		Api.Response bad = this.api.put("/organizations/" + this.sibling + "/second-classroom-rule",
				Map.of("minutesPerCredit", 0, "includeHonor", true), this.organizations.staffToken());
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(this.api
			.put("/organizations/" + this.sibling + "/second-classroom-rule",
					Map.of("minutesPerCredit", 60, "maxCredits", -1), this.organizations.staffToken())
			.status()).isEqualTo(400);
		assertThat(this.api
			.put("/organizations/" + this.sibling + "/second-classroom-rule", Map.of("minutesPerCredit", 60),
					this.collegeAdmin)
			.status()).isEqualTo(403);
	}

	@Test
	void creditsFollowTheRuleAndTheSpreadsheetSaysWhatTheApiSays() throws IOException {
		String staff = this.organizations.staffToken();
		Api.Response universityRule = this.api.put("/organizations/" + this.university + "/second-classroom-rule",
				Map.of("minutesPerCredit", 60, "includeHonor", true, "maxCredits", 3), staff);
		assertThat(universityRule.status()).as(universityRule.toString()).isEqualTo(200);
		JsonNode inherited = this.api
			.get("/organizations/" + this.college + "/second-classroom-rule", this.collegeAdmin)
			.body();
		assertThat(inherited.path("definedBy").asString()).isEqualTo(this.university);
		assertThat(inherited.path("minutesPerCredit").asInt()).isEqualTo(60);
		JsonNode report = credits(this.college);
		// 60 minutes a credit, honor counts, at most 3: first 150 → 2.5; second 190 → 3.1
		// → 3
		assertThat(creditOf(report, this.first.id())).isEqualTo("2.5");
		assertThat(creditOf(report, this.second.id())).isEqualTo("3");
		Api.Response own = this.api.put("/organizations/" + this.college + "/second-classroom-rule",
				Map.of("minutesPerCredit", 40, "includeHonor", false), this.collegeAdmin);
		assertThat(own.status()).as(own.toString()).isEqualTo(200);
		report = credits(this.college);
		// 40 minutes a credit, credit time only, rounded down to a tenth: 150 → 3.7; 90 →
		// 2.2
		assertThat(creditOf(report, this.first.id())).isEqualTo("3.7");
		assertThat(creditOf(report, this.second.id())).isEqualTo("2.2");
		JsonNode second = volunteer(report, this.second.id());
		assertThat(second.path("college").asString()).isEqualTo("学分学院");
		assertThat(second.path("idNumberMasked").asString()).contains("*");

		Api.Response xlsx = this.api.get("/organizations/" + this.college + "/second-classroom-credits.xlsx?" + TERM,
				this.collegeAdmin);
		assertThat(xlsx.status()).isEqualTo(200);
		assertThat(xlsx.header("Content-Disposition")).startsWith("attachment");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
			Sheet sheet = workbook.getSheet("第二课堂学分");
			assertThat(cells(sheet.getRow(0))).containsExactly("姓名", "身份证号", "学院（组织）", "信用时数（小时）", "荣誉时数（小时）",
					"计入时数（小时）", "学分", "学号");
			assertThat(sheet.getLastRowNum()).isEqualTo(report.path("volunteers").size());
			double credits = 0;
			double creditHours = 0;
			List<String> numbers = new ArrayList<>();
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				assertThat(row.getCell(1).getStringCellValue()).doesNotContain(this.first.idNumber());
				numbers.add((row.getCell(7) != null) ? row.getCell(7).getStringCellValue() : "");
				creditHours += row.getCell(3).getNumericCellValue();
				credits += row.getCell(6).getNumericCellValue();
			}
			// the 学号 filled for the linked volunteer, empty for the other
			assertThat(numbers).containsExactlyInAnyOrder("2023010101", "");
			assertThat(creditHours).isEqualTo((150 + 90) / 60.0);
			assertThat(credits).isEqualTo(3.7 + 2.2, org.assertj.core.data.Offset.offset(1e-9));
			assertThat(cells(workbook.getSheet("说明").getRow(5))).containsExactly("学分合计", "5.9");
		}
	}

	@Test
	void serviceRecordsCarryTheNationalSystemsFieldsWithWholeIdNumbersAndEveryExportIsAudited() throws IOException {
		long audited = audits();
		Api.Response xlsx = this.api.get("/organizations/" + this.college + "/service-records.xlsx?" + TERM,
				this.collegeAdmin);
		assertThat(xlsx.status()).as(xlsx.toString()).isEqualTo(200);
		assertThat(xlsx.header("Cache-Control")).contains("no-store");
		List<List<String>> rows = new ArrayList<>();
		double minutes = 0;
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(cells(sheet.getRow(0))).startsWith("姓名", "证件类型", "证件号码", "活动名称", "服务日期", "服务地点", "服务内容",
					"服务时长（小时）", "服务时长（分钟）");
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				rows.add(cells(sheet.getRow(r)));
				minutes += sheet.getRow(r).getCell(8).getNumericCellValue();
			}
		}
		assertThat(rows).hasSize(3);
		assertThat(minutes).isEqualTo(150 + 90 + 100);
		assertThat(rows.get(0)).contains("测试志愿者", "居民身份证", this.first.idNumber(), "图书馆志愿服务", "2026-09-15", "信用时数",
				"签到签退", "学分学院");
		// 学号, last: filled for the linked volunteer, empty for the other
		assertThat(rows.get(0).getLast()).isEqualTo("2023010101");
		assertThat(rows.get(2).getLast()).isEmpty();
		assertThat(rows.get(2)).contains(this.second.idNumber(), "2026-09-20", "荣誉时数", "工时补录");
		// the same figures as the ranking
		JsonNode ranked = this.api.get("/organizations/" + this.college + "/rankings?" + TERM, this.collegeAdmin)
			.body();
		long rankedMinutes = 0;
		for (JsonNode r : ranked) {
			rankedMinutes += r.path("creditMinutes").asLong() + r.path("honorMinutes").asLong();
		}
		assertThat(rankedMinutes).isEqualTo((long) minutes);

		Api.Response csv = this.api.get("/organizations/" + this.college + "/service-records.csv?" + TERM,
				this.collegeAdmin);
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		String text = new String(csv.bytes(), StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF\"姓名\",\"证件类型\",\"证件号码\"");
		String[] lines = text.split("\r\n");
		assertThat(lines).hasSize(1 + 3);
		assertThat(lines[1]).contains("\"" + this.first.idNumber() + "\"", "\"150\"").endsWith(",\"2023010101\"");
		// what a spreadsheet would run as a formula is text
		assertThat(lines[3]).contains("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(audits()).isEqualTo(audited + 2);
	}

	@Test
	void onlyAdminsOfTheOrganizationOrAboveItMayExport() {
		for (String path : List.of("second-classroom-credits.xlsx", "second-classroom-credits", "service-records.xlsx",
				"service-records.csv", "second-classroom-rule")) {
			assertThat(this.api.get("/organizations/" + this.sibling + "/" + path, this.collegeAdmin).status()).as(path)
				.isEqualTo(403);
			assertThat(this.api.get("/organizations/" + this.college + "/" + path, this.first.token()).status())
				.as(path)
				.isEqualTo(403);
			assertThat(this.api.get("/organizations/" + this.college + "/" + path, null).status()).as(path)
				.isEqualTo(401);
		}
		assertThat(this.api
			.get("/organizations/" + this.college + "/service-records.csv?from=2026-12-01&to=2026-11-01",
					this.collegeAdmin)
			.code()).isEqualTo("VALIDATION_FAILED");
	}

	private long audits() {
		return this.jdbc
			.sql("SELECT count(*) FROM audit_log WHERE action = 'SERVICE_RECORDS_EXPORTED' AND target_id = ?")
			.param(this.college)
			.query(Long.class)
			.single();
	}

	private JsonNode credits(String organization) {
		Api.Response response = this.api.get("/organizations/" + organization + "/second-classroom-credits?" + TERM,
				this.collegeAdmin);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	private static JsonNode volunteer(JsonNode report, String accountId) {
		for (JsonNode v : report.path("volunteers")) {
			if (v.path("accountId").asString().equals(accountId)) {
				return v;
			}
		}
		throw new AssertionError("no " + accountId + " in " + report);
	}

	private static String creditOf(JsonNode report, String accountId) {
		return new java.math.BigDecimal(volunteer(report, accountId).path("credits").asString()).stripTrailingZeros()
			.toPlainString();
	}

	private static List<String> cells(Row row) {
		List<String> cells = new ArrayList<>();
		row.forEach((cell) -> cells.add((cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC)
				? String.valueOf(cell.getNumericCellValue()) : cell.getStringCellValue()));
		return cells;
	}

}
