package org.yixing.attendance;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The non-face route: an admin on site checks a volunteer in or out by hand, with a
 * reason; the session is MANUAL in the attendance list, its export and the volunteer's
 * own list, and still earns credit time by the usual rule.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManualAttendanceApiTests {

	@Autowired
	Api api;

	Attendance attendance;

	Volunteers volunteers;

	Organizations organizations;

	String association;

	String admin;

	Volunteers.Registered officer;

	@org.springframework.beans.factory.annotation.Value("${local.server.port}")
	int port;

	String activityId;

	String code;

	@BeforeAll
	void association() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.association = this.organizations.createTopLevel("手动签到协会");
		Volunteers.Registered officer = this.volunteers.register();
		this.organizations.makeAdmin(this.association, officer.id());
		this.admin = officer.token();
		this.officer = officer;
		Api.Response published = this.attendance.publish(this.association, this.admin, "2026-11-25T10:00:00+08:00",
				"2026-11-25T12:00:00+08:00", Map.of("membersOnly", false));
		this.activityId = published.field("id");
		this.code = published.field("checkInCode");
	}

	@BeforeEach
	void clock() {
		this.attendance.fixClock("2026-11-25T10:05:00+08:00");
	}

	Api.Response manual(String kind, String token, Map<String, Object> body) {
		return this.api.post("/activities/" + this.activityId + "/manual-" + kind, body, token);
	}

	@Test
	void anAdminChecksAVolunteerInAndOutByHandWithAReason() {
		Volunteers.Registered volunteer = this.volunteers.register();
		Api.Response in = manual("check-ins", this.admin,
				Map.of("idNumber", volunteer.idNumber(), "reason", "不同意人脸识别，手机已绑定他人"));
		assertThat(in.status()).as(in.toString()).isEqualTo(201);
		assertThat(in.field("method")).isEqualTo("MANUAL");
		assertThat(in.field("accountId")).isEqualTo(volunteer.id());
		// Twice is refused: one open session per volunteer.
		assertThat(manual("check-ins", this.admin, Map.of("accountId", volunteer.id(), "reason", "再次")).code())
			.isEqualTo("ALREADY_CHECKED_IN");

		this.attendance.fixClock("2026-11-25T11:35:00+08:00");
		Api.Response out = manual("check-outs", this.admin, Map.of("accountId", volunteer.id(), "reason", "活动结束"));
		assertThat(out.status()).as(out.toString()).isEqualTo(200);
		assertThat(out.body().get("creditMinutes").asInt()).isEqualTo(90);

		Api.Response list = this.api.get("/activities/" + this.activityId + "/attendance", this.admin);
		var row = list.body()
			.findParents("sessionId")
			.stream()
			.filter((r) -> r.get("accountId").asString().equals(volunteer.id()))
			.findFirst()
			.orElseThrow();
		assertThat(row.get("method").asString()).isEqualTo("MANUAL");
		// No position of its own: no distance from the fence's centre.
		assertThat(row.get("metresFromCentre").isNull()).isTrue();
		assertThat(row.get("manualCheckInReason").asString()).isEqualTo("不同意人脸识别，手机已绑定他人");
		assertThat(row.get("checkOutMethod").asString()).isEqualTo("MANUAL");
		assertThat(row.get("manualCheckOutReason").asString()).isEqualTo("活动结束");
		assertThat(row.get("status").asString()).isEqualTo("COMPLETED");

		Api.Response mine = this.api.get("/me/sessions", volunteer.token());
		assertThat(mine.body().get(0).get("method").asString()).isEqualTo("MANUAL");
		assertThat(mine.body().get(0).get("creditMinutes").asInt()).isEqualTo(90);
	}

	@Test
	void anAdminChecksOutAVolunteerWhosePhoneDied() {
		Volunteers.Registered volunteer = this.volunteers.register();
		String phone = Attendance.newDevice();
		assertThat(this.attendance.checkIn(volunteer.token(), phone, this.code).status()).isEqualTo(201);
		this.attendance.fixClock("2026-11-25T10:35:00+08:00");
		Api.Response out = manual("check-outs", this.admin, Map.of("idNumber", volunteer.idNumber(), "reason", "手机没电"));
		assertThat(out.status()).as(out.toString()).isEqualTo(200);
		assertThat(out.field("method")).isEqualTo("QUICK");
		var row = this.api.get("/activities/" + this.activityId + "/attendance", this.admin)
			.body()
			.findParents("sessionId")
			.stream()
			.filter((r) -> r.get("accountId").asString().equals(volunteer.id()))
			.findFirst()
			.orElseThrow();
		// Checked in by phone at the fence's centre, checked out by hand.
		assertThat(row.get("metresFromCentre").asInt()).isZero();
		assertThat(row.get("checkOutMethod").asString()).isEqualTo("MANUAL");
		assertThat(row.get("manualCheckOutReason").asString()).isEqualTo("手机没电");
		assertThat(row.get("manualCheckInReason").isNull()).isTrue();
		assertThat(out.body().get("creditMinutes").asInt()).isEqualTo(30);
		assertThat(manual("check-outs", this.admin, Map.of("idNumber", volunteer.idNumber(), "reason", "再次")).code())
			.isEqualTo("SESSION_NOT_OPEN");
	}

	@Test
	void theRouteIsForTheActivitysAdminsWithAReasonAndARealVolunteer() {
		Volunteers.Registered volunteer = this.volunteers.register();
		Api.Response byVolunteer = manual("check-ins", volunteer.token(),
				Map.of("accountId", volunteer.id(), "reason", "自己签到"));
		assertThat(byVolunteer.status()).isEqualTo(403);

		String other = this.organizations.createTopLevel("别的协会");
		Volunteers.Registered otherOfficer = this.volunteers.register();
		this.organizations.makeAdmin(other, otherOfficer.id());
		assertThat(
				manual("check-ins", otherOfficer.token(), Map.of("accountId", volunteer.id(), "reason", "越权")).status())
			.isEqualTo(403);

		assertThat(manual("check-ins", this.admin, Map.of("accountId", volunteer.id(), "reason", " ")).code())
			.isEqualTo("VALIDATION_FAILED");
		assertThat(manual("check-ins", this.admin, Map.of("reason", "无人")).code()).isEqualTo("VALIDATION_FAILED");
		assertThat(manual("check-ins", this.admin,
				Map.of("accountId", "00000000-0000-0000-0000-000000000001", "reason", "查无此人"))
			.code()).isEqualTo("NOT_FOUND");
		assertThat(manual("check-ins", this.admin, Map.of("idNumber", "123", "reason", "号码不对")).code())
			.isEqualTo("INVALID_ID_NUMBER");
	}

	@Test
	void theConsoleFormNeedsAReasonToo() {
		Volunteers.Registered volunteer = this.volunteers.register();
		WebSession console = WebSession.signedIn(this.port, this.officer.phone(), Volunteers.PASSWORD);
		console.get("/admin/activities/" + this.activityId);
		WebSession.Page refused = console.post("/admin/activities/" + this.activityId + "/manual",
				Map.of("action", "in", "idNumber", volunteer.idNumber()));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(this.api.get("/me/sessions", volunteer.token()).body().size()).isZero();
		WebSession.Page done = console.post("/admin/activities/" + this.activityId + "/manual",
				Map.of("action", "in", "idNumber", volunteer.idNumber(), "reason", "手机没电"));
		assertThat(done.status()).isEqualTo(302);
		assertThat(this.api.get("/me/sessions", volunteer.token()).body().get(0).get("method").asString())
			.isEqualTo("MANUAL");
	}

	@Test
	void theWindowStillHolds() {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.attendance.fixClock("2026-11-25T12:00:01+08:00");
		assertThat(manual("check-ins", this.admin, Map.of("accountId", volunteer.id(), "reason", "迟到")).code())
			.isEqualTo("ACTIVITY_NOT_IN_PROGRESS");
	}

	@Test
	void aVolunteerCannotCheckThemselvesInAsManual() {
		Volunteers.Registered volunteer = this.volunteers.register();
		Api.Response response = this.attendance.checkIn(volunteer.token(), Attendance.newDevice(), this.code,
				Attendance.LAT, Attendance.LNG, Map.of("method", "MANUAL"));
		assertThat(response.status()).isEqualTo(400);
	}

}
