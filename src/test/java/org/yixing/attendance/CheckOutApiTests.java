package org.yixing.attendance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.SessionCompletedRecorder;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** RULES §6 check-out, credit time, ratings, and what volunteers and admins see. */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckOutApiTests {

	@Autowired
	Api api;

	@Autowired
	SessionCompletedRecorder completed;

	Attendance attendance;

	Volunteers volunteers;

	Organizations organizations;

	String college;

	String admin;

	Volunteers.Registered adminAccount;

	@Value("${local.server.port}")
	int port;

	String activityId;

	String code;

	@BeforeAll
	void activity() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.college = this.organizations.createTopLevel("签退学院");
		Volunteers.Registered admin = this.volunteers.register();
		this.organizations.makeAdmin(this.college, admin.id());
		this.admin = admin.token();
		this.adminAccount = admin;
		Api.Response published = this.attendance.publish(this.college, this.admin, "2026-11-25T10:00:00+08:00",
				"2026-11-25T12:00:00+08:00", Map.of("membersOnly", false));
		this.activityId = published.field("id");
		this.code = published.field("checkInCode");
	}

	@BeforeEach
	void tenPastTen() {
		this.attendance.fixClock("2026-11-25T10:05:00+08:00");
	}

	@Test
	void checkingOutInTimeCreditsTheOverlapInWholeMinutes() {
		String token = this.volunteers.register().token();
		String device = Attendance.newDevice();
		this.attendance.fixClock("2026-11-25T09:45:00+08:00");
		String session = this.attendance.checkIn(token, device, this.code).field("sessionId");
		this.attendance.fixClock("2026-11-25T11:30:59+08:00");
		Api.Response out = this.attendance.checkOut(token, device, session);
		assertThat(out.status()).as(out.toString()).isEqualTo(200);
		assertThat(out.field("status")).isEqualTo("COMPLETED");
		assertThat(out.body().path("creditMinutes").asInt()).isEqualTo(90);
		assertThat(out.field("checkedInAt")).isEqualTo("2026-11-25T09:45:00+08:00");
		assertThat(out.field("checkedOutAt")).isEqualTo("2026-11-25T11:30:59+08:00");
		JsonNode mine = this.api.get("/me/sessions", token).body();
		assertThat(mine.get(0).path("status").asString()).isEqualTo("COMPLETED");
		assertThat(mine.get(0).path("creditMinutes").asInt()).isEqualTo(90);
		assertThat(mine.get(0).path("activityTitle").asString()).isEqualTo("图书馆志愿服务");
	}

	@Test
	void creditStopsAtTheEndDuringTheGracePeriod() {
		String token = this.volunteers.register().token();
		String device = Attendance.newDevice();
		String session = this.attendance.checkIn(token, device, this.code).field("sessionId");
		this.attendance.fixClock("2026-11-25T12:30:00+08:00");
		assertThat(this.attendance.checkOut(token, device, session).body().path("creditMinutes").asInt())
			.isEqualTo(115);
	}

	@Test
	void eachCheckOutRuleHasItsCode() {
		String token = this.volunteers.register().token();
		String device = Attendance.newDevice();
		String session = this.attendance.checkIn(token, device, this.code).field("sessionId");
		Api.Response otherDevice = this.attendance.checkOut(token, Attendance.newDevice(), session);
		assertThat(otherDevice.status()).isEqualTo(409);
		assertThat(otherDevice.code()).isEqualTo("CHECKED_IN_ON_ANOTHER_DEVICE");
		Api.Response outside = this.attendance.checkOut(token, device, session, Attendance.LAT + 0.01, Attendance.LNG);
		assertThat(outside.status()).isEqualTo(422);
		assertThat(outside.code()).isEqualTo("OUT_OF_RANGE");
		assertThat(outside.body().path("distanceMeters").asInt()).isGreaterThan(800);
		String stranger = this.volunteers.register().token();
		assertThat(this.attendance.checkOut(stranger, device, session).status()).isEqualTo(404);
		this.attendance.fixClock("2026-11-25T12:30:01+08:00");
		Api.Response late = this.attendance.checkOut(token, device, session);
		assertThat(late.status()).isEqualTo(422);
		assertThat(late.code()).isEqualTo("ACTIVITY_NOT_IN_PROGRESS");
		JsonNode mine = this.api.get("/me/sessions", token).body();
		assertThat(mine.get(0).path("status").asString()).isEqualTo("VOID");
		assertThat(mine.get(0).path("creditMinutes").asInt()).isZero();
	}

	@Test
	void aSessionIsCheckedOutOnce() {
		String token = this.volunteers.register().token();
		String device = Attendance.newDevice();
		String session = this.attendance.checkIn(token, device, this.code).field("sessionId");
		assertThat(this.attendance.checkOut(token, device, session).status()).isEqualTo(200);
		Api.Response again = this.attendance.checkOut(token, device, session);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("SESSION_NOT_OPEN");
	}

	@Test
	void aCompletedSessionIsPublishedForTheHoursLedger() {
		String token = this.volunteers.register().token();
		String device = Attendance.newDevice();
		String session = this.attendance.checkIn(token, device, this.code).field("sessionId");
		this.attendance.fixClock("2026-11-25T11:05:00+08:00");
		this.attendance.checkOut(token, device, session);
		await().untilAsserted(() -> assertThat(this.completed.received()).anySatisfy((event) -> {
			assertThat(event.sessionId()).isEqualTo(UUID.fromString(session));
			assertThat(event.creditMinutes()).isEqualTo(60);
			assertThat(event.activityId()).isEqualTo(UUID.fromString(this.activityId));
		}));
	}

	@Test
	void aVolunteerRatesOnceAfterCheckingOut() {
		String token = this.volunteers.register().token();
		String device = Attendance.newDevice();
		String session = this.attendance.checkIn(token, device, this.code).field("sessionId");
		Api.Response early = this.api.post("/check-ins/" + session + "/rating", Map.of("stars", 5), token);
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.code()).isEqualTo("SESSION_NOT_COMPLETED");
		this.attendance.checkOut(token, device, session);
		assertThat(this.api.post("/check-ins/" + session + "/rating", Map.of("stars", 6), token).code())
			.isEqualTo("VALIDATION_FAILED");
		Api.Response rated = this.api.post("/check-ins/" + session + "/rating", Map.of("stars", 4, "comment", "组织有序"),
				token);
		assertThat(rated.status()).isEqualTo(201);
		assertThat(rated.body().path("stars").asInt()).isEqualTo(4);
		assertThat(this.api.post("/check-ins/" + session + "/rating", Map.of("stars", 5), token).code())
			.isEqualTo("ALREADY_RATED");
		assertThat(this.api.get("/activities/" + this.activityId + "/attendance", this.admin).body())
			.filteredOn((row) -> row.path("sessionId").asString().equals(session))
			.singleElement()
			.satisfies((row) -> assertThat(row.path("rating").asInt()).isEqualTo(4));
	}

	@Test
	void adminsReadWhatTheVolunteersSaidOfTheActivityWithoutTheirNames() {
		this.attendance.fixClock("2026-11-26T09:55:00+08:00");
		Api.Response activity = this.attendance.publish(this.college, this.admin, "2026-11-26T10:00:00+08:00",
				"2026-11-26T12:00:00+08:00", Map.of("membersOnly", false));
		String id = activity.field("id");
		Api.Response none = this.api.get("/activities/" + id + "/ratings", this.admin);
		assertThat(none.status()).as(none.toString()).isEqualTo(200);
		assertThat(none.body().path("count").asInt()).isZero();
		assertThat(none.body().path("averageStars").isNull()).isTrue();
		int minute = 0;
		for (Map<String, Object> rating : java.util.List.<Map<String, Object>>of(Map.of("stars", 5, "comment", "很充实"),
				Map.of("stars", 4), Map.of("stars", 2, "comment", "  集合等了很久  "))) {
			String token = this.volunteers.register().token();
			String device = Attendance.newDevice();
			this.attendance.fixClock("2026-11-26T10:00:00+08:00");
			String session = this.attendance.checkIn(token, device, activity.field("checkInCode")).field("sessionId");
			this.attendance.fixClock("2026-11-26T11:%02d:00+08:00".formatted(++minute));
			this.attendance.checkOut(token, device, session);
			assertThat(this.api.post("/check-ins/" + session + "/rating", rating, token).status()).isEqualTo(201);
		}

		JsonNode summary = this.api.get("/activities/" + id + "/ratings", this.admin).body();
		assertThat(summary.path("count").asInt()).isEqualTo(3);
		assertThat(summary.path("averageStars").decimalValue()).isEqualByComparingTo("3.7");
		assertThat(summary.path("stars").toString()).isEqualTo("[0,1,0,1,1]");
		assertThat(summary.path("comments")).hasSize(2);
		JsonNode newest = summary.path("comments").get(0);
		assertThat(newest.path("stars").asInt()).isEqualTo(2);
		assertThat(newest.path("comment").asString()).isEqualTo("集合等了很久");
		assertThat(newest.path("ratedAt").asString()).isEqualTo("2026-11-26T11:03:00+08:00");
		assertThat(summary.path("comments").get(1).path("comment").asString()).isEqualTo("很充实");
		assertThat(newest.propertyNames()).as("no name, no account, no session")
			.containsExactlyInAnyOrder("stars", "comment", "ratedAt");

		Volunteers.Registered other = this.volunteers.register();
		String otherCollege = this.organizations.createTopLevel("别的学院");
		this.organizations.makeAdmin(otherCollege, other.id());
		assertThat(this.api
			.get("/activities/" + id + "/ratings", this.volunteers.login(other.idNumber(), Volunteers.PASSWORD))
			.status()).as("an admin elsewhere").isEqualTo(403);

		WebSession console = WebSession.signedIn(this.port, this.adminAccount.idNumber(), Volunteers.PASSWORD);
		String page = console.get("/admin/activities/" + id).body();
		String card = page.substring(page.indexOf("id=\"ratings\""),
				page.indexOf("</details>", page.indexOf("id=\"ratings\"")));
		assertThat(console.get("/admin/organizations/" + this.college + "/activities").body())
			.as("the activity list says it too")
			.contains("活动评价 3.7★ · 3人评价");
		assertThat(card).contains("活动评价 3.7★ · 3人评价")
			.contains("集合等了很久")
			.contains("很充实")
			.contains("★★")
			.doesNotContain("测试志愿者");
		assertThat(console.get("/admin/activities/" + this.activityId).body())
			.as("nobody rated that one yet, in this test's view or another's")
			.doesNotContain("很充实");
	}

	@Test
	void adminsSeeTheAttendanceListAsJsonAndSpreadsheet() throws IOException {
		Volunteers.Registered volunteer = this.volunteers.register();
		String device = Attendance.newDevice();
		String session = this.attendance.checkIn(volunteer.token(), device, this.code).field("sessionId");
		JsonNode list = this.api.get("/activities/" + this.activityId + "/attendance", this.admin).body();
		JsonNode row = null;
		for (JsonNode candidate : list) {
			if (candidate.path("sessionId").asString().equals(session)) {
				row = candidate;
			}
		}
		assertThat(row).isNotNull();
		assertThat(row.path("realName").asString()).isEqualTo("测试志愿者");
		assertThat(row.path("idNumberMasked").asString()).contains("**********");
		assertThat(row.path("deviceId").asString()).isEqualTo(device);
		assertThat(row.path("method").asString()).isEqualTo("QUICK");
		assertThat(row.path("status").asString()).isEqualTo("OPEN");
		assertThat(row.path("checkInAccuracyMeters").asDouble()).isEqualTo(12.0);

		Api.Response xlsx = this.api.get("/activities/" + this.activityId + "/attendance.xlsx", this.admin);
		assertThat(xlsx.status()).isEqualTo(200);
		assertThat(xlsx.contentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("姓名");
			assertThat(sheet.getLastRowNum()).isEqualTo(list.size());
			boolean found = false;
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				if (sheet.getRow(r).getCell(6).getStringCellValue().equals(device)) {
					found = true;
					// The console's words, not the API's codes; no rating, no number.
					assertThat(sheet.getRow(r).getCell(7).getStringCellValue()).isEqualTo("快速签到");
					assertThat(sheet.getRow(r).getCell(8).getStringCellValue()).isEqualTo("在岗");
					assertThat(sheet.getRow(r).getCell(10)).isNull();
				}
			}
			assertThat(found).isTrue();
		}
		String disposition = xlsx.header("Content-Disposition");
		assertThat(java.net.URLDecoder.decode(disposition.substring(disposition.indexOf("''") + 2),
				java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("图书馆志愿服务 2026-11-25 签到记录.xlsx");
		assertThat(this.api.get("/activities/" + this.activityId + "/attendance", volunteer.token()).status())
			.isEqualTo(403);
		assertThat(this.api.get("/activities/" + this.activityId + "/attendance.xlsx", volunteer.token()).status())
			.isEqualTo(403);
	}

}
