package org.yixing.attendance;

import java.util.List;
import java.util.Map;

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
 * 动态二维码 (a check-in carries a token of the projected QR's last 30 s), 风险提示 on located
 * check-ins and check-outs (shown to admins only, never refusing), and an admin voiding
 * an open session with a reason (RULES §12).
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RotatingQrAndRiskApiTests {

	@Autowired
	Api api;

	@org.springframework.beans.factory.annotation.Value("${local.server.port}")
	int port;

	Attendance attendance;

	Volunteers volunteers;

	Organizations organizations;

	String association;

	String admin;

	String rotating;

	String rotatingCode;

	@BeforeAll
	void association() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.association = this.organizations.createTopLevel("动态二维码协会");
		Volunteers.Registered officer = this.volunteers.register();
		this.organizations.makeAdmin(this.association, officer.id());
		this.admin = officer.token();
		Api.Response published = this.attendance.publish(this.association, this.admin, "2026-11-26T10:00:00+08:00",
				"2026-11-26T12:00:00+08:00", Map.of("membersOnly", false, "checkInMode", "ROTATING_QR"));
		assertThat(published.field("checkInMode")).isEqualTo("ROTATING_QR");
		this.rotating = published.field("id");
		this.rotatingCode = published.field("checkInCode");
	}

	Api.Response qr() {
		Api.Response qr = this.api.get("/activities/" + this.rotating + "/check-in-qr", this.admin);
		assertThat(qr.status()).as(qr.toString()).isEqualTo(200);
		return qr;
	}

	Api.Response checkIn(String token, Map<String, Object> extra) {
		return this.attendance.checkIn(token, Attendance.newDevice(), this.rotatingCode, Attendance.LAT, Attendance.LNG,
				extra);
	}

	@Test
	void aCheckInNeedsATokenOfTheCurrentStepOrTheTwoBefore() {
		this.attendance.fixClock("2026-11-26T10:05:00+08:00");
		Api.Response qr = qr();
		String token = qr.field("token");
		assertThat(qr.field("url")).contains("/check-in?code=" + this.rotatingCode + "&t=" + token);
		assertThat(qr.field("expiresAt")).isEqualTo("2026-11-26T10:05:10+08:00");

		Api.Response without = checkIn(this.volunteers.register().token(), Map.of());
		assertThat(without.status()).isEqualTo(422);
		assertThat(without.code()).isEqualTo("CHECK_IN_QR_EXPIRED");
		assertThat(without.body().get("detail").asString()).isEqualTo("二维码已过期，请扫描现场最新的二维码");
		assertThat(checkIn(this.volunteers.register().token(), Map.of("qrToken", "forged-token")).code())
			.isEqualTo("CHECK_IN_QR_EXPIRED");

		this.attendance.fixClock("2026-11-26T10:05:29.999+08:00");
		assertThat(checkIn(this.volunteers.register().token(), Map.of("qrToken", token)).status()).isEqualTo(201);
		this.attendance.fixClock("2026-11-26T10:05:30+08:00");
		assertThat(checkIn(this.volunteers.register().token(), Map.of("qrToken", token)).code())
			.isEqualTo("CHECK_IN_QR_EXPIRED");
		assertThat(checkIn(this.volunteers.register().token(), Map.of("qrToken", qr().field("token"))).status())
			.isEqualTo(201);
	}

	@Test
	void theQrOpenedByThePhonesOwnScannerCarriesItsTokenThroughTheAgreementToTheCheckIn() {
		this.attendance.fixClock("2026-11-26T10:40:00+08:00");
		String token = qr().field("token");
		Volunteers.Registered volunteer = this.volunteers.register();
		org.yixing.test.WebSession phone = org.yixing.test.WebSession.signedIn(this.port, volunteer.phone(),
				Volunteers.PASSWORD);
		assertThat(phone.get("/check-in?code=" + this.rotatingCode + "&t=" + token).body())
			.contains("name=\"t\" value=\"" + token + "\"");
		org.yixing.test.WebSession.Page agreed = phone.post("/check-in/agreement", Map.of("agreementAccepted", "true",
				"agreementVersion", "2026-01", "code", this.rotatingCode, "t", token));
		assertThat(agreed.header("Location")).endsWith("&code=" + this.rotatingCode + "&t=" + token);
		assertThat(phone.get("/check-in/live?v=2026-01&code=" + this.rotatingCode + "&t=" + token).body())
			.contains("name=\"t\" value=\"" + token + "\"");
		org.yixing.test.WebSession.Page checkedIn = phone.post("/check-in",
				Map.of("code", this.rotatingCode, "v", "2026-01", "t", token, "lat", String.valueOf(Attendance.LAT),
						"lng", String.valueOf(Attendance.LNG), "accuracy", "10", "touch", "true", "webdriver",
						"false"));
		assertThat(checkedIn.header("Location")).contains("/check-in/sessions/");
		// Without the token the page says why, with 扫一扫 to scan the latest one.
		this.attendance.fixClock("2026-11-26T10:41:00+08:00");
		org.yixing.test.WebSession other = org.yixing.test.WebSession.signedIn(this.port,
				this.volunteers.register().phone(), Volunteers.PASSWORD);
		other.get("/check-in/live?v=2026-01&code=" + this.rotatingCode);
		String refused = other
			.post("/check-in", Map.of("code", this.rotatingCode, "v", "2026-01", "t", token, "lat",
					String.valueOf(Attendance.LAT), "lng", String.valueOf(Attendance.LNG), "accuracy", "10"))
			.body();
		assertThat(refused).contains("二维码已过期，请扫描现场最新的二维码").contains("扫一扫");
	}

	@Test
	void theTokenIsCheckedRightAfterTheCodeAndIsTheActivitysOwn() {
		this.attendance.fixClock("2026-11-26T08:00:00+08:00");
		String early = qr().field("token");
		// Before the window opens: the token comes first.
		assertThat(checkIn(this.volunteers.register().token(), Map.of()).code()).isEqualTo("CHECK_IN_QR_EXPIRED");
		assertThat(checkIn(this.volunteers.register().token(), Map.of("qrToken", early)).code())
			.isEqualTo("ACTIVITY_NOT_IN_PROGRESS");
		// Another activity's token at the same moment does not open this one.
		Api.Response other = this.attendance.publish(this.association, this.admin, "2026-11-26T08:00:00+08:00",
				"2026-11-26T09:00:00+08:00", Map.of("membersOnly", false, "checkInMode", "ROTATING_QR"));
		String othersToken = this.api.get("/activities/" + other.field("id") + "/check-in-qr", this.admin)
			.field("token");
		this.attendance.fixClock("2026-11-26T10:10:00+08:00");
		assertThat(checkIn(this.volunteers.register().token(), Map.of("qrToken", othersToken)).code())
			.isEqualTo("CHECK_IN_QR_EXPIRED");
		// A volunteer of the page asked for the display's token gets 403.
		assertThat(this.api.get("/activities/" + this.rotating + "/check-in-qr", this.volunteers.register().token())
			.code()).isEqualTo("FORBIDDEN");
	}

	@Test
	void theModeChangesWhileTheActivityRunsAndOpenSessionsAreKept() {
		Api.Response published = this.attendance.publish(this.association, this.admin, "2026-11-26T10:00:00+08:00",
				"2026-11-26T12:00:00+08:00", Map.of("membersOnly", false));
		assertThat(published.field("checkInMode")).isEqualTo("CODE");
		this.attendance.fixClock("2026-11-26T10:20:00+08:00");
		Volunteers.Registered volunteer = this.volunteers.register();
		String phone = Attendance.newDevice();
		Api.Response in = this.attendance.checkIn(volunteer.token(), phone, published.field("checkInCode"));
		assertThat(in.status()).isEqualTo(201);
		Api.Response changed = this.api.send("PATCH", "/activities/" + published.field("id"),
				Map.of("checkInMode", "ROTATING_QR"), this.admin, Map.of());
		assertThat(changed.field("checkInMode")).isEqualTo("ROTATING_QR");
		assertThat(this.attendance
			.checkIn(this.volunteers.register().token(), Attendance.newDevice(), published.field("checkInCode"))
			.code()).isEqualTo("CHECK_IN_QR_EXPIRED");
		this.attendance.fixClock("2026-11-26T11:20:00+08:00");
		assertThat(this.attendance.checkOut(volunteer.token(), phone, in.field("sessionId")).status()).isEqualTo(200);
	}

	@Test
	void riskSignalsAreKeptForAdminsAndNeverRefuse() {
		Api.Response published = this.attendance.publish(this.association, this.admin, "2026-11-26T14:00:00+08:00",
				"2026-11-26T16:00:00+08:00", Map.of("membersOnly", false));
		String id = published.field("id");
		String code = published.field("checkInCode");
		this.attendance.fixClock("2026-11-26T14:10:00+08:00");
		Volunteers.Registered first = this.volunteers.register();
		Volunteers.Registered second = this.volunteers.register();
		Volunteers.Registered desktop = this.volunteers.register();
		double lat = Attendance.LAT + 0.0003;
		double lng = Attendance.LNG + 0.0004;
		assertThat(this.attendance
			.checkIn(first.token(), Attendance.newDevice(), code, lat, lng,
					Map.of("location", Map.of("lat", lat, "lng", lng)))
			.status()).isEqualTo(201);
		assertThat(this.attendance
			.checkIn(second.token(), Attendance.newDevice(), code, lat + 0.0000004, lng,
					Map.of("location", Map.of("lat", lat + 0.0000004, "lng", lng, "accuracyMeters", 350)))
			.status()).isEqualTo(201);
		assertThat(this.attendance
			.checkIn(desktop.token(), Attendance.newDevice(), code, Attendance.LAT, Attendance.LNG,
					Map.of("clientSignals", Map.of("touchScreen", false, "webdriver", true)))
			.status()).isEqualTo(201);

		Map<String, JsonNode> rows = rows(id);
		assertThat(signals(rows.get(first.id()))).containsExactly("ACCURACY_MISSING");
		assertThat(signals(rows.get(second.id()))).containsExactlyInAnyOrder("ACCURACY_POOR", "SAME_POSITION");
		JsonNode same = rows.get(second.id())
			.get("riskEvidence")
			.valueStream()
			.filter((e) -> e.get("signal").asString().equals("SAME_POSITION"))
			.findFirst()
			.orElseThrow();
		assertThat(same.get("otherAccountId").asString()).isEqualTo(first.id());
		assertThat(same.get("at").asString()).isEqualTo("IN");
		assertThat(signals(rows.get(desktop.id()))).containsExactlyInAnyOrder("DESKTOP", "AUTOMATION");
		// Volunteers do not see them.
		assertThat(this.api.get("/me/sessions", second.token()).text()).doesNotContain("SAME_POSITION");
	}

	@Test
	void travellingFasterThanATrainIsImpossible() {
		Api.Response wuhan = this.attendance.publish(this.association, this.admin, "2026-11-27T08:00:00+08:00",
				"2026-11-27T09:00:00+08:00", Map.of("membersOnly", false));
		// Beijing, 1,050 km away, an hour later.
		Api.Response beijing = this.attendance
			.publish(this.association, this.admin, "2026-11-27T09:30:00+08:00", "2026-11-27T11:00:00+08:00", Map.of(
					"membersOnly", false, "geofence",
					Map.of("type", "CIRCLE", "center", Map.of("lat", 39.9042, "lng", 116.4074), "radiusMeters", 500)));
		Volunteers.Registered volunteer = this.volunteers.register();
		String phone = Attendance.newDevice();
		this.attendance.fixClock("2026-11-27T08:10:00+08:00");
		Api.Response in = this.attendance.checkIn(volunteer.token(), phone, wuhan.field("checkInCode"));
		this.attendance.fixClock("2026-11-27T08:50:00+08:00");
		this.attendance.checkOut(volunteer.token(), phone, in.field("sessionId"));
		this.attendance.fixClock("2026-11-27T09:50:00+08:00");
		assertThat(this.attendance
			.checkIn(volunteer.token(), phone, beijing.field("checkInCode"), 39.9042, 116.4074, Map.of())
			.status()).isEqualTo(201);
		JsonNode row = rows(beijing.field("id")).get(volunteer.id());
		assertThat(signals(row)).containsExactly("IMPOSSIBLE_TRAVEL");
		JsonNode evidence = row.get("riskEvidence").get(0);
		assertThat(evidence.get("distanceKm").asDouble()).isBetween(1000.0, 1100.0);
		assertThat(evidence.get("speedKmh").asDouble()).isGreaterThan(1000.0);
		assertThat(signals(rows(wuhan.field("id")).get(volunteer.id()))).isEmpty();
	}

	@Test
	void anAdminVoidsAnOpenSessionWithAReasonAndTheVolunteerHearsWhy() {
		Api.Response published = this.attendance.publish(this.association, this.admin, "2026-11-28T10:00:00+08:00",
				"2026-11-28T12:00:00+08:00", Map.of("membersOnly", false, "title", "作废测试活动"));
		this.attendance.fixClock("2026-11-28T10:05:00+08:00");
		Volunteers.Registered volunteer = this.volunteers.register();
		String phone = Attendance.newDevice();
		String session = this.attendance.checkIn(volunteer.token(), phone, published.field("checkInCode"))
			.field("sessionId");
		assertThat(this.api.post("/check-ins/" + session + "/void", Map.of("reason", " "), this.admin).code())
			.isEqualTo("VALIDATION_FAILED");
		Api.Response voided = this.api.post("/check-ins/" + session + "/void", Map.of("reason", "定位与他人完全相同，现场未见本人"),
				this.admin);
		assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
		assertThat(voided.field("status")).isEqualTo("VOID");
		assertThat(this.api.get("/me/sessions", volunteer.token()).body().get(0).get("status").asString())
			.isEqualTo("VOID");
		assertThat(this.attendance.checkOut(volunteer.token(), phone, session).status()).isGreaterThanOrEqualTo(400);
		JsonNode row = rows(published.field("id")).get(volunteer.id());
		assertThat(row.get("voidReason").asString()).isEqualTo("ADMIN");
		assertThat(row.get("adminVoidReason").asString()).isEqualTo("定位与他人完全相同，现场未见本人");
		await().untilAsserted(() -> assertThat(this.api.get("/me/notices", volunteer.token()).text()).contains("作废测试活动")
			.contains("定位与他人完全相同，现场未见本人"));
		assertThat(this.api.post("/check-ins/" + session + "/void", Map.of("reason", "再次"), this.admin).code())
			.isEqualTo("SESSION_NOT_OPEN");
	}

	@Test
	void aCompletedSessionCannotBeVoided() {
		Api.Response published = this.attendance.publish(this.association, this.admin, "2026-11-29T10:00:00+08:00",
				"2026-11-29T12:00:00+08:00", Map.of("membersOnly", false));
		this.attendance.fixClock("2026-11-29T10:05:00+08:00");
		Volunteers.Registered volunteer = this.volunteers.register();
		String phone = Attendance.newDevice();
		String session = this.attendance.checkIn(volunteer.token(), phone, published.field("checkInCode"))
			.field("sessionId");
		this.attendance.fixClock("2026-11-29T11:05:00+08:00");
		this.attendance.checkOut(volunteer.token(), phone, session);
		Api.Response refused = this.api.post("/check-ins/" + session + "/void", Map.of("reason", "事后作废"), this.admin);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("SESSION_NOT_OPEN");
		assertThat(this.api.get("/me/sessions", volunteer.token()).body().get(0).get("creditMinutes").asInt())
			.isEqualTo(60);
	}

	@Test
	void theConsoleShowsRiskyCheckInsWithTheirEvidenceAndVoidsThemAndTheSpreadsheetCarriesThem() throws Exception {
		Api.Response published = this.attendance.publish(this.association, this.admin, "2026-11-30T10:00:00+08:00",
				"2026-11-30T12:00:00+08:00", Map.of("membersOnly", false, "title", "风险提示页面"));
		String id = published.field("id");
		this.attendance.fixClock("2026-11-30T10:10:00+08:00");
		Volunteers.Registered honest = this.volunteers.register();
		Volunteers.Registered first = this.volunteers.register();
		Volunteers.Registered copy = this.volunteers.register();
		this.attendance.checkIn(honest.token(), Attendance.newDevice(), published.field("checkInCode"));
		double lat = Attendance.LAT + 0.0002;
		this.attendance.checkIn(first.token(), Attendance.newDevice(), published.field("checkInCode"), lat,
				Attendance.LNG, Map.of());
		String risky = this.attendance
			.checkIn(copy.token(), Attendance.newDevice(), published.field("checkInCode"), lat, Attendance.LNG,
					Map.of())
			.field("sessionId");

		Volunteers.Registered officer = this.volunteers.register();
		this.organizations.makeAdmin(this.association, officer.id());
		org.yixing.test.WebSession console = org.yixing.test.WebSession.signedIn(this.port, officer.phone(),
				Volunteers.PASSWORD);
		String all = console.get("/admin/activities/" + id).body();
		assertThat(all).contains("风险提示").contains("与他人位置完全相同").contains("仅看有风险 (1)");
		String only = console.get("/admin/activities/" + id + "?risk=1").body();
		// the honest volunteer's row as the console masks it: four bare digits also turn
		// up in the page's UUIDs now and then
		assertThat(only).contains(copy.idNumber().substring(0, 4))
			.doesNotContain("**********" + honest.idNumber().substring(14));
		String detail = console.get("/admin/activities/" + id + "/sessions/" + risky).body();
		assertThat(detail).contains("的定位坐标完全相同").contains("作废原因");
		assertThat(
				console.post("/admin/activities/" + id + "/sessions/" + risky + "/void", Map.of("reason", "")).body())
			.contains("请填写作废的原因，200 字以内");
		assertThat(console.post("/admin/activities/" + id + "/sessions/" + risky + "/void", Map.of("reason", "现场未见本人"))
			.status()).isEqualTo(302);
		assertThat(rows(id).get(copy.id()).get("status").asString()).isEqualTo("VOID");

		Api.Response xlsx = this.api.get("/activities/" + id + "/attendance.xlsx", this.admin);
		try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
				new java.io.ByteArrayInputStream(xlsx.bytes()))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(13).getStringCellValue()).isEqualTo("风险提示 Risk signals");
			assertThat(sheet.getRow(0).getCell(14).getStringCellValue()).isEqualTo("作废原因 Void reason");
			List<String> signals = new java.util.ArrayList<>();
			List<String> voids = new java.util.ArrayList<>();
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				signals.add(sheet.getRow(r).getCell(13).getStringCellValue());
				voids.add(sheet.getRow(r).getCell(14).getStringCellValue());
			}
			assertThat(signals).containsExactlyInAnyOrder("", "", "SAME_POSITION");
			assertThat(voids).containsExactlyInAnyOrder("", "", "现场未见本人");
		}
	}

	Map<String, JsonNode> rows(String activity) {
		Map<String, JsonNode> rows = new java.util.HashMap<>();
		this.api.get("/activities/" + activity + "/attendance", this.admin)
			.body()
			.valueStream()
			.forEach((r) -> rows.put(r.get("accountId").asString(), r));
		return rows;
	}

	static List<String> signals(JsonNode row) {
		return row.get("riskSignals").valueStream().map(JsonNode::asString).toList();
	}

}
