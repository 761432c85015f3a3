package org.yixing.reporting;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rankings (RULES §10, docs/API.md) over an organization and all below it: by credit
 * minutes, then honor minutes, then the earlier last credited session; for a date range;
 * as JSON and as a spreadsheet that says the same; for admins in scope only.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RankingsApiTests {

	@Autowired
	Api api;

	Attendance attendance;

	Volunteers volunteers;

	Organizations organizations;

	String university;

	String college;

	String sibling;

	String collegeAdmin;

	Volunteers.Registered first;

	Volunteers.Registered second;

	Volunteers.Registered third;

	Volunteers.Registered elsewhere;

	@BeforeAll
	void aTermOfService() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.attendance.fixClock("2026-11-25T09:00:00+08:00");
		String staff = this.organizations.staffToken();
		this.university = this.organizations.createTopLevel("排行大学" + System.nanoTime() % 100_000);
		this.college = this.organizations.create(staff, this.university, "排行学院", "420111", "LISTED");
		this.sibling = this.organizations.create(staff, this.university, "兄弟学院", "420111", "LISTED");
		Volunteers.Registered admin = this.volunteers.register();
		this.organizations.makeAdmin(this.college, admin.id());
		this.collegeAdmin = admin.token();
		this.first = member(this.college);
		this.second = member(this.college);
		this.third = member(this.college);
		this.elsewhere = member(this.sibling);
		// first: 90 credit minutes; second: 60 credit + 120 honor; third: 60 credit,
		// checked out later than second; elsewhere: 200 credit in the sibling college.
		serve(this.college, List.of(this.first), "2026-11-25T10:00:00+08:00", "2026-11-25T11:30:00+08:00");
		serve(this.college, List.of(this.second, this.third), "2026-11-26T10:00:00+08:00", "2026-11-26T11:00:00+08:00");
		serve(this.sibling, List.of(this.elsewhere), "2026-11-27T10:00:00+08:00", "2026-11-27T13:20:00+08:00");
		assertThat(this.api
			.post("/organizations/" + this.college + "/honor-hours", Map.of("accountId", this.second.id(), "minutes",
					120, "reason", "BEFORE_PLATFORM", "description", "去年的服务", "serviceDate", "2026-03-01"), staff)
			.status()).isEqualTo(201);
		await().until(() -> credit(this.elsewhere) == 200);
	}

	@Test
	void volunteersRankByCreditThenHonorThenWhoGotThereFirst() {
		JsonNode ranked = rankings(this.college, "from=2026-01-01&to=2026-12-31", this.collegeAdmin);
		assertThat(ids(ranked)).containsExactly(this.first.id(), this.second.id(), this.third.id());
		assertThat(ranked.get(0).path("rank").asInt()).isEqualTo(1);
		assertThat(ranked.get(0).path("creditMinutes").asInt()).isEqualTo(90);
		assertThat(ranked.get(1).path("honorMinutes").asInt()).isEqualTo(120);
		assertThat(ranked.get(0).path("realName").asString()).isEqualTo("测试志愿者");
		assertThat(ranked.get(0).path("idNumberMasked").asString()).contains("*").doesNotContain(this.first.idNumber());
	}

	@Test
	void anOrganizationRanksEveryoneBelowItAndNoOneElse() {
		String staff = this.organizations.staffToken();
		assertThat(ids(rankings(this.university, "from=2026-01-01&to=2026-12-31", staff)))
			.containsExactly(this.elsewhere.id(), this.first.id(), this.second.id(), this.third.id());
		assertThat(ids(rankings(this.sibling, "from=2026-01-01&to=2026-12-31", staff)))
			.containsExactly(this.elsewhere.id());
	}

	@Test
	void theRangeCountsServiceDatesBothIncluded() {
		JsonNode ranked = rankings(this.college, "from=2026-11-26&to=2026-11-26", this.collegeAdmin);
		assertThat(ids(ranked)).containsExactly(this.second.id(), this.third.id());
		assertThat(ranked.get(0).path("honorMinutes").asInt()).isZero();
		// Whole months (March to October) and a part of one (November 1–25) together.
		JsonNode mixed = rankings(this.college, "from=2026-03-01&to=2026-11-25", this.collegeAdmin);
		assertThat(ids(mixed)).containsExactly(this.first.id(), this.second.id());
		assertThat(mixed.get(1).path("creditMinutes").asInt()).isZero();
		assertThat(mixed.get(1).path("honorMinutes").asInt()).isEqualTo(120);
		assertThat(ids(rankings(this.college, "from=2026-03-02&to=2026-11-24", this.collegeAdmin))).isEmpty();
		assertThat(this.api
			.get("/organizations/" + this.college + "/rankings?from=2026-12-01&to=2026-11-01", this.collegeAdmin)
			.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(this.api.get("/organizations/" + this.college + "/rankings?limit=0", this.collegeAdmin).code())
			.isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void theTopListNamesEachCandidatesActivitiesAndLatestActivity() {
		JsonNode top = this.api
			.get("/organizations/" + this.college + "/top-volunteers?from=2026-01-01&to=2026-12-31&limit=2",
					this.collegeAdmin)
			.body();
		assertThat(ids(top)).containsExactly(this.first.id(), this.second.id());
		assertThat(top.get(0).path("activityCount").asInt()).isEqualTo(1);
		assertThat(top.get(0).path("lastActivity").asString()).isEqualTo("图书馆志愿服务");
		assertThat(top.get(0).path("lastActivityDate").asString()).isEqualTo("2026-11-25");
	}

	@Test
	void anAdminSeesTheirOwnSubtreeOnly() {
		assertThat(this.api.get("/organizations/" + this.sibling + "/rankings", this.collegeAdmin).status())
			.isEqualTo(403);
		assertThat(this.api.get("/organizations/" + this.university + "/rankings", this.collegeAdmin).status())
			.isEqualTo(403);
		assertThat(this.api.get("/organizations/" + this.college + "/rankings", this.first.token()).status())
			.isEqualTo(403);
	}

	@Test
	void theSpreadsheetsSayWhatTheApiSays() throws IOException {
		String query = "?from=2026-01-01&to=2026-12-31";
		JsonNode ranked = rankings(this.college, query.substring(1), this.collegeAdmin);
		Api.Response xlsx = this.api.get("/organizations/" + this.college + "/rankings.xlsx" + query,
				this.collegeAdmin);
		assertThat(xlsx.status()).isEqualTo(200);
		assertThat(xlsx.header("Content-Disposition")).startsWith("attachment");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("姓名");
			assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("信用时数（小时）");
			assertThat(sheet.getLastRowNum()).isEqualTo(ranked.size());
			double credit = 0;
			double honor = 0;
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				assertThat(row.getCell(1).getStringCellValue())
					.isEqualTo(ranked.get(r - 1).path("realName").asString());
				credit += row.getCell(5).getNumericCellValue();
				honor += row.getCell(6).getNumericCellValue();
			}
			assertThat(credit).isEqualTo(90 + 60 + 60);
			assertThat(honor).isEqualTo(120);
		}
		Api.Response top = this.api.get("/organizations/" + this.college + "/top-volunteers.xlsx" + query,
				this.collegeAdmin);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(top.bytes()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(6).getStringCellValue()).isEqualTo("最近活动");
			assertThat(sheet.getLastRowNum()).isEqualTo(3);
			assertThat(sheet.getRow(1).getCell(6).getStringCellValue()).isEqualTo("图书馆志愿服务");
		}
	}

	private JsonNode rankings(String organization, String query, String token) {
		Api.Response response = this.api.get("/organizations/" + organization + "/rankings?" + query, token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	private static List<String> ids(JsonNode ranked) {
		List<String> ids = new java.util.ArrayList<>();
		ranked.forEach((r) -> ids.add(r.path("accountId").asString()));
		return ids;
	}

	private Volunteers.Registered member(String organization) {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(organization, volunteer.idNumber());
		return volunteer;
	}

	private void serve(String organization, List<Volunteers.Registered> who, String start, String until) {
		this.attendance.serve(this.organizations.staffToken(), organization, who, start, until);
	}

	private int credit(Volunteers.Registered volunteer) {
		String token = this.volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
		return this.api.get("/me/hours", token).body().path("creditMinutes").asInt();
	}

}
