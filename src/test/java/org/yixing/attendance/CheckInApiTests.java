package org.yixing.attendance;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.shared.TimeOrderedIds;
import org.yixing.shared.geo.Gcj02;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RULES §6: each check of check-in, and their order, from one table. The clock stands at
 * 10:05 on 2026-11-25 (Asia/Shanghai) unless a case moves it; activity A (members only)
 * and B (open to all) run 10:00–12:00, C requires insurance, D has one place, E starts at
 * 14:00.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckInApiTests {

	static final String NOW = "2026-11-25T10:05:00+08:00";

	/** 300 m north of the centre of the 200 m circle: 100 m to go. */
	static final double NORTH_300_M = Attendance.LAT + 300 / 110_850.0;

	@Autowired
	Api api;

	Attendance attendance;

	Volunteers volunteers;

	Organizations organizations;

	String college;

	String team;

	String a;

	String b;

	String c;

	String d;

	String e;

	@BeforeAll
	void activities() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		String staff = this.organizations.staffToken();
		String university = this.organizations.createTopLevel("签到大学");
		this.college = this.organizations.create(staff, university, "签到学院", "420111", "LISTED");
		this.team = this.organizations.create(staff, this.college, "签到小队", "420111", "LISTED");
		this.a = code("2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00", Map.of());
		this.b = code("2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00", Map.of("membersOnly", false));
		this.c = code("2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00",
				Map.of("membersOnly", false, "requiresInsurance", true));
		this.d = code("2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00",
				Map.of("membersOnly", false, "capacity", 1));
		this.e = code("2026-11-25T14:00:00+08:00", "2026-11-25T16:00:00+08:00", Map.of());
	}

	@BeforeEach
	void tenPastTen() {
		this.attendance.fixClock(NOW);
	}

	static Stream<Arguments> checks() {
		return Stream.of(
				check("1. agreement not accepted, even with a wrong code", 400, "AGREEMENT_REQUIRED",
						(t) -> t.attendance.checkIn(t.member(), Attendance.newDevice(), "000000", Attendance.LAT,
								Attendance.LNG, Map.of("agreementAccepted", false))),
				check("2. no activity with that code", 404, "CHECK_IN_CODE_NOT_FOUND",
						(t) -> t.attendance.checkIn(t.member(), Attendance.newDevice(), t.unusedCode())),
				check("2 before 3. wrong code and outside every window", 404, "CHECK_IN_CODE_NOT_FOUND", (t) -> {
					t.attendance.fixClock("2026-11-25T03:00:00+08:00");
					return t.attendance.checkIn(t.member(), Attendance.newDevice(), t.unusedCode());
				}),
				check("3. before the window opens", 422, "ACTIVITY_NOT_IN_PROGRESS",
						(t) -> t.attendance.checkIn(t.member(), Attendance.newDevice(), t.e)),
				check("3. the window opens 30 minutes before the start", 201, "", (t) -> {
					t.attendance.fixClock("2026-11-25T13:30:00+08:00");
					return t.attendance.checkIn(t.member(), Attendance.newDevice(), t.e);
				}), check("3. after the end", 422, "ACTIVITY_NOT_IN_PROGRESS", (t) -> {
					t.attendance.fixClock("2026-11-25T12:00:01+08:00");
					return t.attendance.checkIn(t.member(), Attendance.newDevice(), t.a);
				}), check("3 before 4. a stranger after the end", 422, "ACTIVITY_NOT_IN_PROGRESS", (t) -> {
					t.attendance.fixClock("2026-11-25T12:00:01+08:00");
					return t.attendance.checkIn(t.stranger(), Attendance.newDevice(), t.a);
				}),
				check("4. members only and not a member", 422, "NOT_ORGANIZATION_MEMBER",
						(t) -> t.attendance.checkIn(t.stranger(), Attendance.newDevice(), t.a)),
				check("4 before 7. not a member and outside the fence", 422, "NOT_ORGANIZATION_MEMBER",
						(t) -> t.attendance.checkIn(t.stranger(), Attendance.newDevice(), t.a, NORTH_300_M,
								Attendance.LNG, Map.of())),
				check("4. a member of an organization below counts", 201, "",
						(t) -> t.attendance.checkIn(t.teamMember(), Attendance.newDevice(), t.a)),
				check("4. an activity open to all admits anyone", 201, "",
						(t) -> t.attendance.checkIn(t.stranger(), Attendance.newDevice(), t.b)),
				check("5. an open session on another device", 409, "CHECKED_IN_ON_ANOTHER_DEVICE", (t) -> {
					String token = t.member();
					t.attendance.checkIn(token, Attendance.newDevice(), t.b);
					return t.attendance.checkIn(token, Attendance.newDevice(), t.a);
				}), check("5. an open session on this device", 409, "ALREADY_CHECKED_IN", (t) -> {
					String token = t.member();
					String device = Attendance.newDevice();
					t.attendance.checkIn(token, device, t.a);
					return t.attendance.checkIn(token, device, t.a);
				}), check("6. a phone bound to another account", 409, "DEVICE_BOUND_TO_OTHER_ACCOUNT", (t) -> {
					String device = Attendance.newDevice();
					t.attendance.checkIn(t.stranger(), device, t.b);
					return t.attendance.checkIn(t.member(), device, t.a);
				}), check("6 before 7. a bound phone outside the fence", 409, "DEVICE_BOUND_TO_OTHER_ACCOUNT", (t) -> {
					String device = Attendance.newDevice();
					t.attendance.checkIn(t.stranger(), device, t.b);
					return t.attendance.checkIn(t.member(), device, t.a, NORTH_300_M, Attendance.LNG, Map.of());
				}),
				check("7. outside the fence", 422, "OUT_OF_RANGE",
						(t) -> t.attendance.checkIn(t.member(), Attendance.newDevice(), t.a, NORTH_300_M,
								Attendance.LNG, Map.of())),
				check("7. a GCJ-02 position inside the fence", 201, "", (t) -> {
					GeoPoint gcj = Gcj02.fromWgs84(new GeoPoint(Attendance.LAT, Attendance.LNG));
					return t.attendance.checkIn(t.member(), Attendance.newDevice(), t.a, gcj.lat(), gcj.lng(),
							Map.of("coordinateSystem", "GCJ02"));
				}), check("7. a GCJ-02 position read as WGS-84 is hundreds of metres off", 422, "OUT_OF_RANGE", (t) -> {
					GeoPoint far = Gcj02.fromWgs84(new GeoPoint(Attendance.LAT + 0.004, Attendance.LNG));
					return t.attendance.checkIn(t.member(), Attendance.newDevice(), t.a, far.lat(), far.lng(),
							Map.of());
				}),
				check("7 before 8. outside the fence of an insured activity", 422, "OUT_OF_RANGE",
						(t) -> t.attendance.checkIn(t.stranger(), Attendance.newDevice(), t.c, NORTH_300_M,
								Attendance.LNG, Map.of())),
				check("8. insurance required and none held", 422, "INSURANCE_REQUIRED",
						(t) -> t.attendance.checkIn(t.stranger(), Attendance.newDevice(), t.c)),
				check("capacity reached", 422, "ACTIVITY_FULL", (t) -> {
					t.attendance.checkIn(t.stranger(), Attendance.newDevice(), t.d);
					return t.attendance.checkIn(t.stranger(), Attendance.newDevice(), t.d);
				}),
				check("9. face check-in without a picture", 400, "VALIDATION_FAILED",
						(t) -> t.attendance.checkIn(t.member(), Attendance.newDevice(), t.a, Attendance.LAT,
								Attendance.LNG, Map.of("method", "FACE"))),
				check("no device id", 400, "VALIDATION_FAILED", (t) -> t.attendance.checkIn(t.member(), null, t.a)),
				check("not logged in", 401, "UNAUTHENTICATED",
						(t) -> t.attendance.checkIn(null, Attendance.newDevice(), t.a)));
	}

	@ParameterizedTest(name = "{0} → {1} {2}")
	@MethodSource("checks")
	void eachCheckAnswersInItsOrder(String name, int status, String code,
			Function<CheckInApiTests, Api.Response> call) {
		Api.Response response = call.apply(this);
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.code()).isEqualTo(code);
		if (status == 201) {
			assertThat(response.field("status")).isEqualTo("OPEN");
			assertThat(response.field("sessionId")).isNotBlank();
			assertThat(response.field("activityTitle")).isEqualTo("图书馆志愿服务");
			assertThat(response.field("checkedInAt")).endsWith("+08:00");
		}
		if ("OUT_OF_RANGE".equals(code)) {
			int metres = response.body().path("distanceMeters").asInt();
			assertThat(metres).isPositive();
			assertThat(response.field("detail")).isEqualTo(metres + "米后进入签到范围");
		}
	}

	static Arguments check(String name, int status, String code, Function<CheckInApiTests, Api.Response> call) {
		return Arguments.of(name, status, code, call);
	}

	String member() {
		Volunteers.Registered member = this.volunteers.register();
		this.organizations.addMember(this.college, member.idNumber());
		return member.token();
	}

	String teamMember() {
		Volunteers.Registered member = this.volunteers.register();
		this.organizations.addMember(this.team, member.idNumber());
		return member.token();
	}

	@Test
	void aNewCodeAndNewTimesApplyToTheVeryNextCheckIn() {
		String admin = this.organizations.staffToken();
		Api.Response activity = this.attendance.publish(this.college, admin, "2026-11-25T10:00:00+08:00",
				"2026-11-25T12:00:00+08:00", Map.of("membersOnly", false));
		String old = activity.field("checkInCode");
		String volunteer = stranger();
		// Standing outside the fence: the activity is found and in progress (and now
		// remembered by the check-in code cache).
		assertThat(
				this.attendance.checkIn(volunteer, Attendance.newDevice(), old, NORTH_300_M, Attendance.LNG, Map.of())
					.code())
			.isEqualTo("OUT_OF_RANGE");
		String fresh = this.api.post("/activities/" + activity.field("id") + "/check-in-code", null, admin)
			.field("checkInCode");
		assertThat(this.attendance.checkIn(volunteer, Attendance.newDevice(), old).code())
			.isEqualTo("CHECK_IN_CODE_NOT_FOUND");
		assertThat(
				this.attendance.checkIn(volunteer, Attendance.newDevice(), fresh, NORTH_300_M, Attendance.LNG, Map.of())
					.code())
			.isEqualTo("OUT_OF_RANGE");
		assertThat(this.api.send("PATCH", "/activities/" + activity.field("id"),
				Map.of("startAt", "2026-11-25T14:00:00+08:00", "endAt", "2026-11-25T16:00:00+08:00"), admin, Map.of())
			.status()).isEqualTo(200);
		assertThat(this.attendance.checkIn(volunteer, Attendance.newDevice(), fresh).code())
			.isEqualTo("ACTIVITY_NOT_IN_PROGRESS");
	}

	/**
	 * A body that breaks its constraints is refused field by field, whatever shortcut a
	 * plainly valid one takes past Bean Validation (shared.web.PlainlyValid).
	 */
	@Test
	void aBodyOutsideItsConstraintsIsRefusedFieldByField() {
		String volunteer = stranger();
		String device = Attendance.newDevice();
		Api.Response north = this.attendance.checkIn(volunteer, device, this.b, 90.5, Attendance.LNG, Map.of());
		assertThat(north.status()).as(north.toString()).isEqualTo(400);
		assertThat(north.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(north.body().path("errors").propertyNames()).containsExactly("location.lat");
		Api.Response blank = this.attendance.checkIn(volunteer, device, "\u3000", Attendance.LAT, Attendance.LNG,
				Map.of("qrToken", "q".repeat(65)));
		assertThat(blank.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(blank.body().path("errors").propertyNames()).containsExactlyInAnyOrder("checkInCode", "qrToken");
		Api.Response negativeZero = this.api.send("POST", "/check-ins", """
				{"checkInCode": "%s", "location": {"lat": %s, "lng": %s, "accuracyMeters": -0.0},
				 "agreementAccepted": true, "agreementVersion": "2026-01"}""".formatted(this.b, Attendance.LAT,
				Attendance.LNG), volunteer, Map.of("X-Device-Id", device));
		assertThat(negativeZero.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(negativeZero.body().path("errors").propertyNames()).containsExactly("location.accuracyMeters");
		Api.Response checkedIn = this.attendance.checkIn(volunteer, device, this.b);
		assertThat(checkedIn.status()).as(checkedIn.toString()).isEqualTo(201);
		Api.Response noPlace = this.api.send("POST", "/check-ins/" + checkedIn.field("sessionId") + "/check-out",
				Map.of("coordinateSystem", "WGS84"), volunteer, Map.of("X-Device-Id", device));
		assertThat(noPlace.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(noPlace.body().path("errors").propertyNames()).containsExactly("location");
	}

	@Test
	void aSessionsKeySortsByTheTimeOfItsCheckIn() {
		Api.Response checkedIn = this.attendance.checkIn(stranger(), Attendance.newDevice(), this.b);
		assertThat(checkedIn.status()).as(checkedIn.toString()).isEqualTo(201);
		UUID id = UUID.fromString(checkedIn.field("sessionId"));
		assertThat(id.version()).isEqualTo(7);
		assertThat(TimeOrderedIds.madeAt(id)).isEqualTo(OffsetDateTime.parse(NOW).toInstant());
	}

	/**
	 * A code passed on in a group chat or typed in an input method's full-width mode is
	 * the same code: full-width digits and spaces inside do not make it another.
	 */
	@Test
	void aCodeTypedInFullWidthOrWithSpacesIsTheSameCode() {
		StringBuilder fullWidth = new StringBuilder();
		this.b.chars().forEach((c) -> fullWidth.append((char) (c + 0xFEE0)));
		for (String typed : List.of(fullWidth.toString(),
				" " + this.b.substring(0, 3) + " " + this.b.substring(3) + " ",
				this.b.substring(0, 3) + "\u3000" + this.b.substring(3))) {
			Api.Response checkedIn = this.attendance.checkIn(stranger(), Attendance.newDevice(), typed);
			assertThat(checkedIn.status()).as(typed + ": " + checkedIn).isEqualTo(201);
		}
		assertThat(this.attendance.checkIn(stranger(), Attendance.newDevice(), this.b + "1").code())
			.isEqualTo("CHECK_IN_CODE_NOT_FOUND");
	}

	String stranger() {
		return this.volunteers.register().token();
	}

	String unusedCode() {
		List<String> taken = List.of(this.a, this.b, this.c, this.d, this.e);
		return Stream.of("000000", "111111", "222222").filter((c) -> !taken.contains(c)).findFirst().orElseThrow();
	}

	private String code(String start, String end, Map<String, Object> extra) {
		String admin = this.organizations.staffToken();
		return this.attendance.publish(this.college, admin, start, end, extra).field("checkInCode");
	}

}
