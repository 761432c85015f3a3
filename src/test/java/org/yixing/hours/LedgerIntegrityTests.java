package org.yixing.hours;

import java.util.HashMap;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RULES §8 as written, with no way around it: honor hours never duplicate credit (not for
 * an activity already credited, not for a session voided for a missed check-out — whether
 * the makeup names the session, only the activity, or neither but the same day); removals
 * come from the organization that granted the minutes or one above it, may be a
 * CORRECTION, and never take the honor balance below zero.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerIntegrityTests {

	@Autowired
	Api api;

	Attendance attendance;

	Volunteers volunteers;

	Organizations organizations;

	String university;

	String college;

	String sibling;

	String staff;

	String activity;

	String code;

	@BeforeAll
	void aUniversityWithTwoColleges() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.staff = this.organizations.staffToken();
		this.university = this.organizations.createTopLevel("账本大学" + System.nanoTime() % 100_000);
		this.college = this.organizations.create(this.staff, this.university, "账本学院", "420111", "LISTED");
		this.sibling = this.organizations.create(this.staff, this.university, "兄弟学院", "420111", "LISTED");
		Api.Response published = this.attendance.publish(this.college, this.staff, "2026-11-25T10:00:00+08:00",
				"2026-11-25T12:00:00+08:00", Map.of("membersOnly", false));
		this.activity = published.field("id");
		this.code = published.field("checkInCode");
	}

	@BeforeEach
	void tenOClock() {
		this.attendance.fixClock("2026-11-25T10:00:00+08:00");
		this.staff = this.organizations.staffToken();
	}

	@Test
	void aSessionVoidedForAMissedCheckOutCannotBeMadeUpByNamingOnlyTheActivityOrTheDay() {
		Volunteers.Registered volunteer = member();
		String session = this.attendance.checkIn(volunteer.token(), Attendance.newDevice(), this.code)
			.field("sessionId");
		this.attendance.fixClock("2026-11-25T13:00:00+08:00"); // past the check-out
																// deadline
		String token = this.volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
		this.staff = this.organizations.staffToken();
		for (Map<String, Object> named : java.util.List.<Map<String, Object>>of(Map.of("sessionId", session),
				Map.of("activityId", this.activity), Map.of("serviceDate", "2026-11-25", "description", "图书馆服务"))) {
			Api.Response byAdmin = honor(volunteer, 120, "NO_SIGNAL", named);
			assertThat(byAdmin.code()).as(named.toString()).isEqualTo("MAKEUP_REASON_NOT_ALLOWED");
			assertThat(byAdmin.body().path("explanation").asString()).contains("无效");
		}
		Api.Response asked = this.api.post("/me/makeup-requests", Map.of("organizationId", this.college, "minutes", 120,
				"reason", "NO_SIGNAL", "activityId", this.activity), token);
		assertThat(asked.code()).isEqualTo("MAKEUP_REASON_NOT_ALLOWED");
		// Another day stays possible.
		assertThat(honor(volunteer, 60, "BEFORE_PLATFORM", Map.of("serviceDate", "2025-06-01", "description", "去年的服务"))
			.status()).isEqualTo(201);
	}

	@Test
	void anActivityAlreadyCreditedCannotBeCreditedAgainAsHonorHours() {
		Volunteers.Registered volunteer = member();
		String device = Attendance.newDevice();
		String session = this.attendance.checkIn(volunteer.token(), device, this.code).field("sessionId");
		this.attendance.fixClock("2026-11-25T11:00:00+08:00");
		assertThat(this.attendance.checkOut(volunteer.token(), device, session).status()).isEqualTo(200);
		await().until(() -> this.api.get("/me/hours", volunteer.token()).body().path("creditMinutes").asInt() == 60);
		for (Map<String, Object> named : java.util.List.<Map<String, Object>>of(Map.of("sessionId", session),
				Map.of("activityId", this.activity))) {
			Api.Response refused = honor(volunteer, 60, "ADMIN_SETUP_ERROR", named);
			assertThat(refused.code()).as(named.toString()).isEqualTo("MAKEUP_REASON_NOT_ALLOWED");
			assertThat(refused.body().path("explanation").asString()).contains("信用时数");
		}
	}

	@Test
	void onlyTheGrantingOrganizationOrOneAboveItRemovesMinutesAndNeverBelowZero() {
		Volunteers.Registered volunteer = member();
		this.organizations.addMember(this.sibling, volunteer.idNumber());
		Api.Response granted = honor(volunteer, 90, "BEFORE_PLATFORM", Map.of("description", "去年的服务"));
		assertThat(granted.status()).isEqualTo(201);
		// The sibling college granted nothing: it removes nothing.
		Api.Response bySibling = this.api.post("/organizations/" + this.sibling + "/honor-hours",
				Map.of("accountId", volunteer.id(), "minutes", -30, "reason", "CORRECTION", "description", "误记"),
				this.staff);
		assertThat(bySibling.code()).isEqualTo("VALIDATION_FAILED");
		Api.Response correctingOther = this.api.post(
				"/organizations/" + this.sibling + "/honor-hours", Map.of("accountId", volunteer.id(), "minutes", -30,
						"reason", "CORRECTION", "description", "误记", "correctsEntryId", granted.field("id")),
				this.staff);
		assertThat(correctingOther.status()).isEqualTo(403);
		// Not below zero, not even from the granting college.
		assertThat(honor(volunteer, -91, "CORRECTION", Map.of("description", "误记")).code())
			.isEqualTo("VALIDATION_FAILED");
		// A CORRECTION from the university above the college may remove what the college
		// granted.
		Api.Response byUniversity = this.api.post(
				"/organizations/" + this.university + "/honor-hours", Map.of("accountId", volunteer.id(), "minutes",
						-30, "reason", "CORRECTION", "description", "误记", "correctsEntryId", granted.field("id")),
				this.staff);
		assertThat(byUniversity.status()).as(byUniversity.toString()).isEqualTo(201);
		assertThat(this.api.get("/me/hours", volunteer.token()).body().path("honorMinutes").asInt()).isEqualTo(60);
		// CORRECTION never adds.
		assertThat(honor(volunteer, 30, "CORRECTION", Map.of("description", "多记")).code())
			.isEqualTo("MAKEUP_REASON_NOT_ALLOWED");
	}

	@Test
	void aDescriptionMayBeLeftOutWhenAnActivityIsNamedButNotOtherwise() {
		Volunteers.Registered volunteer = member();
		assertThat(honor(volunteer, 30, "NO_SIGNAL", Map.of("activityId", this.activity)).status()).isEqualTo(201);
		Api.Response neither = this.api.post("/organizations/" + this.college + "/honor-hours",
				Map.of("accountId", volunteer.id(), "minutes", 30, "reason", "NO_SIGNAL"), this.staff);
		assertThat(neither.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(neither.body().path("errors").has("description")).isTrue();
	}

	private Volunteers.Registered member() {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(this.college, volunteer.idNumber());
		return volunteer;
	}

	private Api.Response honor(Volunteers.Registered volunteer, int minutes, String reason, Map<String, Object> extra) {
		Map<String, Object> body = new HashMap<>(
				Map.of("accountId", volunteer.id(), "minutes", minutes, "reason", reason));
		body.putAll(extra);
		return this.api.post("/organizations/" + this.college + "/honor-hours", body, this.staff);
	}

}
