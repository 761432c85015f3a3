package org.yixing.attendance;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Race;
import org.yixing.test.Volunteers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES §6 under concurrency, and the 00:00 Asia/Shanghai cut-off. */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttendanceRacesAndMidnightTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ExpiredSessionsJob job;

	Attendance attendance;

	Volunteers volunteers;

	String daytime;

	String overnight;

	@BeforeAll
	void activities() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		Organizations organizations = new Organizations(this.api);
		String college = organizations.createTopLevel("并发签到学院");
		String staff = organizations.staffToken();
		this.daytime = this.attendance
			.publish(college, staff, "2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00",
					Map.of("membersOnly", false))
			.field("checkInCode");
		this.overnight = this.attendance
			.publish(college, staff, "2026-11-25T22:00:00+08:00", "2026-11-26T02:00:00+08:00",
					Map.of("membersOnly", false))
			.field("checkInCode");
	}

	@Test
	void fiftyParallelCheckInsOfOneVolunteerFromTwoDevicesOpenExactlyOneSession() {
		this.attendance.fixClock("2026-11-25T10:05:00+08:00");
		Volunteers.Registered volunteer = this.volunteers.register();
		List<String> devices = List.of(Attendance.newDevice(), Attendance.newDevice());
		List<Api.Response> results = Race.of(50,
				(i) -> this.attendance.checkIn(volunteer.token(), devices.get(i % 2), this.daytime));
		assertThat(results).filteredOn((r) -> r.status() == 201).hasSize(1);
		assertThat(results).filteredOn((r) -> r.status() != 201)
			.allSatisfy((r) -> assertThat(r.code()).isIn("ALREADY_CHECKED_IN", "CHECKED_IN_ON_ANOTHER_DEVICE"));
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM attendance_sessions WHERE account_id = ?::uuid AND status = 'OPEN'")
					.param(volunteer.id())
					.query(Long.class)
					.single())
			.isEqualTo(1);
	}

	@Test
	void ofTwoAccountsRacingForANewPhoneOneWinsTheQuickCheckIn() {
		this.attendance.fixClock("2026-11-25T10:05:00+08:00");
		for (int round = 0; round < 5; round++) {
			List<Volunteers.Registered> two = List.of(this.volunteers.register(), this.volunteers.register());
			String device = Attendance.newDevice();
			List<Api.Response> results = Race.of(2,
					(i) -> this.attendance.checkIn(two.get(i).token(), device, this.daytime));
			assertThat(results).filteredOn((r) -> r.status() == 201).hasSize(1);
			assertThat(results).filteredOn((r) -> r.status() != 201)
				.singleElement()
				.satisfies((r) -> assertThat(r.code()).isEqualTo("DEVICE_BOUND_TO_OTHER_ACCOUNT"));
		}
	}

	@Test
	void atShanghaiMidnightOpenSessionsAreVoidAndANewDeviceMayCheckIn() {
		Volunteers.Registered volunteer = this.volunteers.register();
		String phone = Attendance.newDevice();
		this.attendance.fixClock("2026-11-25T23:30:00+08:00");
		String session = this.attendance.checkIn(volunteer.token(), phone, this.overnight).field("sessionId");
		this.attendance.fixClock("2026-11-25T23:59:59+08:00");
		assertThat(status(volunteer, session)).isEqualTo("OPEN");

		this.attendance.fixClock("2026-11-26T00:00:01+08:00");
		assertThat(status(volunteer, session)).as("void at read time, before any job").isEqualTo("VOID");
		Api.Response late = this.attendance.checkOut(volunteer.token(), phone, session);
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.code()).isEqualTo("SESSION_NOT_OPEN");

		assertThat(this.job.voidExpiredSessions()).isPositive();
		assertThat(this.jdbc.sql("SELECT status || ':' || credit_minutes FROM attendance_sessions WHERE id = ?::uuid")
			.param(session)
			.query(String.class)
			.single()).isEqualTo("VOID:0");

		Api.Response nextDay = this.attendance.checkIn(volunteer.token(), Attendance.newDevice(), this.overnight);
		assertThat(nextDay.status()).as(nextDay.toString()).isEqualTo(201);
	}

	@Test
	void aSessionNotCheckedOutByTheDeadlineIsVoidWithoutTheJob() {
		Volunteers.Registered volunteer = this.volunteers.register();
		String phone = Attendance.newDevice();
		this.attendance.fixClock("2026-11-25T11:00:00+08:00");
		String session = this.attendance.checkIn(volunteer.token(), phone, this.daytime).field("sessionId");
		this.attendance.fixClock("2026-11-25T12:30:00+08:00");
		assertThat(status(volunteer, session)).isEqualTo("OPEN");
		this.attendance.fixClock("2026-11-25T12:30:01+08:00");
		assertThat(status(volunteer, session)).isEqualTo("VOID");
		Api.Response again = this.attendance.checkIn(volunteer.token(), phone, this.overnight);
		assertThat(again.code()).as("the void session no longer blocks").isEqualTo("ACTIVITY_NOT_IN_PROGRESS");
	}

	@Test
	void extendingAnActivityKeepsItsOpenSessionsOpenLonger() {
		Volunteers.Registered volunteer = this.volunteers.register();
		String phone = Attendance.newDevice();
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String college = organizations.createTopLevel("延长学院");
		Api.Response activity = this.attendance.publish(college, staff, "2026-11-25T10:00:00+08:00",
				"2026-11-25T12:00:00+08:00", Map.of("membersOnly", false));
		this.attendance.fixClock("2026-11-25T11:00:00+08:00");
		String session = this.attendance.checkIn(volunteer.token(), phone, activity.field("checkInCode"))
			.field("sessionId");
		assertThat(this.api
			.send("PATCH", "/activities/" + activity.field("id"), Map.of("endAt", "2026-11-25T14:00:00+08:00"), staff,
					Map.of())
			.status()).isEqualTo(200);
		this.attendance.fixClock("2026-11-25T13:00:00+08:00");
		assertThat(status(volunteer, session)).as("the old deadline 12:30 has passed").isEqualTo("OPEN");
		Api.Response out = this.attendance.checkOut(volunteer.token(), phone, session);
		assertThat(out.status()).as(out.toString()).isEqualTo(200);
		assertThat(out.body().path("creditMinutes").asInt()).isEqualTo(120);
	}

	private String status(Volunteers.Registered volunteer, String session) {
		for (JsonNode s : this.api.get("/me/sessions", volunteer.token()).body()) {
			if (s.path("sessionId").asString().equals(session)) {
				return s.path("status").asString();
			}
		}
		throw new AssertionError("no session " + session);
	}

}
