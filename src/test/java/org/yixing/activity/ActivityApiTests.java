package org.yixing.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.shared.geo.Gcj02;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** RULES §5: publishing activities, their fences and sign-in codes. */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivityApiTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Activities activities;

	Attendance attendance;

	String college;

	String admin;

	Volunteers.Registered member;

	@BeforeAll
	void organization() {
		this.attendance = new Attendance(this.api);
		Organizations organizations = new Organizations(this.api);
		Volunteers volunteers = new Volunteers(this.api);
		this.college = organizations.createTopLevel("活动学院");
		Volunteers.Registered admin = volunteers.register();
		organizations.makeAdmin(this.college, admin.id());
		this.admin = admin.token();
		this.member = volunteers.register();
		organizations.addMember(this.college, this.member.idNumber());
	}

	@Test
	void anAdminPublishesAnActivityWithASixDigitCode() {
		Api.Response published = this.attendance.publish(this.college, this.admin, "2026-12-01T09:00:00+08:00",
				"2026-12-01T11:00:00+08:00", Map.of("capacity", 30));
		assertThat(published.field("id")).isNotBlank();
		assertThat(published.field("checkInCode")).matches("\\d{6}");
		assertThat(published.field("title")).isEqualTo("图书馆志愿服务");
		assertThat(published.body().path("geofence").path("type").asString()).isEqualTo("CIRCLE");
		assertThat(published.body().path("geofence").path("radiusMeters").asDouble()).isEqualTo(200);
		assertThat(published.body().path("capacity").asInt()).isEqualTo(30);
		assertThat(published.body().path("checkInOpensMinutesBefore").asInt()).isEqualTo(30);
		assertThat(published.body().path("checkOutGraceMinutes").asInt()).isEqualTo(30);
		assertThat(published.field("startAt")).isEqualTo("2026-12-01T09:00:00+08:00");
	}

	@Test
	void gcj02FencesAreStoredInWgs84() {
		GeoPoint gcj = Gcj02.fromWgs84(new GeoPoint(Attendance.LAT, Attendance.LNG));
		Api.Response published = this.attendance.publish(this.college, this.admin, "2026-12-02T09:00:00+08:00",
				"2026-12-02T11:00:00+08:00", Map.of("coordinateSystem", "GCJ02", "geofence", Map.of("type", "CIRCLE",
						"center", Map.of("lat", gcj.lat(), "lng", gcj.lng()), "radiusMeters", 100)));
		assertThat(published.body().path("geofence").path("center").path("lat").asDouble()).isCloseTo(Attendance.LAT,
				within(1e-6));
		assertThat(published.body().path("geofence").path("center").path("lng").asDouble()).isCloseTo(Attendance.LNG,
				within(1e-6));
	}

	@Test
	void fencesAndTimesOutsideTheRulesAreRefused() {
		Map<String, Object> base = Map.of("title", "t", "startAt", "2026-12-03T09:00:00+08:00", "endAt",
				"2026-12-03T11:00:00+08:00");
		Api.Response tiny = publishRaw(with(base, "geofence", Attendance.circle(49)));
		assertThat(tiny.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(tiny.body().path("errors").has("geofence")).isTrue();
		assertThat(publishRaw(with(base, "geofence", Attendance.circle(5001))).code()).isEqualTo("VALIDATION_FAILED");
		assertThat(publishRaw(with(base, "geofence",
				Map.of("type", "POLYGON", "points",
						List.of(Map.of("lat", 30.47, "lng", 114.38), Map.of("lat", 30.48, "lng", 114.38)))))
			.code()).isEqualTo("VALIDATION_FAILED");
		Api.Response polygon = publishRaw(with(base, "geofence",
				Map.of("type", "POLYGON", "points",
						List.of(Map.of("lat", 30.470, "lng", 114.380), Map.of("lat", 30.470, "lng", 114.390),
								Map.of("lat", 30.478, "lng", 114.390), Map.of("lat", 30.478, "lng", 114.380)))));
		assertThat(polygon.status()).isEqualTo(201);
		Api.Response backwards = publishRaw(Map.of("title", "t", "startAt", "2026-12-03T11:00:00+08:00", "endAt",
				"2026-12-03T09:00:00+08:00", "geofence", Attendance.circle(100)));
		assertThat(backwards.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(backwards.body().path("errors").has("endAt")).isTrue();
	}

	@Test
	void codesAreUniqueAmongActivitiesThatHaveNotEndedAndRegenerable() {
		Set<String> codes = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			codes.add(this.attendance
				.publish(this.college, this.admin, "2026-12-04T09:00:00+08:00", "2026-12-04T11:00:00+08:00", Map.of())
				.field("checkInCode"));
		}
		assertThat(codes).hasSize(20);
		assertThat(this.jdbc.sql("SELECT count(DISTINCT code) = count(*) FROM check_in_codes")
			.query(Boolean.class)
			.single()).isTrue();
		Api.Response activity = this.attendance.publish(this.college, this.admin, "2026-12-05T09:00:00+08:00",
				"2026-12-05T11:00:00+08:00", Map.of());
		Api.Response regenerated = this.api.post("/activities/" + activity.field("id") + "/check-in-code", null,
				this.admin);
		assertThat(regenerated.field("checkInCode")).matches("\\d{6}").isNotEqualTo(activity.field("checkInCode"));
		assertThat(this.api.get("/activities/" + activity.field("id"), this.admin).field("checkInCode"))
			.isEqualTo(regenerated.field("checkInCode"));
	}

	@Test
	void aCodeOfAnEndedActivityCanBeTakenOver() {
		Api.Response ended = this.attendance.publish(this.college, this.admin, "2026-01-01T09:00:00+08:00",
				"2026-01-01T11:00:00+08:00", Map.of());
		String code = ended.field("checkInCode");
		// two days ahead of the real clock, which reserveCode is given
		String day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).toString();
		Api.Response current = this.attendance.publish(this.college, this.admin, day + "T09:00:00+08:00",
				day + "T11:00:00+08:00", Map.of());
		Instant now = Instant.now();
		ActivityId currentId = new ActivityId(UUID.fromString(current.field("id")));
		boolean taken = this.activities.reserveCode(currentId, code, now.plusSeconds(86_400), now);
		assertThat(taken).as("an ended activity's code is free again").isTrue();
		Api.Response running = this.attendance.publish(this.college, this.admin, day + "T09:00:00+08:00",
				day + "T11:00:00+08:00", Map.of());
		assertThat(this.activities.reserveCode(currentId, running.field("checkInCode"), now.plusSeconds(86_400), now))
			.as("a running activity's code is not")
			.isFalse();
	}

	@Test
	void onlyAdminsInScopeSeeTheCodeAndEdit() {
		Api.Response activity = this.attendance.publish(this.college, this.admin, "2026-12-07T09:00:00+08:00",
				"2026-12-07T11:00:00+08:00", Map.of());
		String id = activity.field("id");
		Api.Response asMember = this.api.get("/activities/" + id, this.member.token());
		assertThat(asMember.status()).isEqualTo(200);
		assertThat(asMember.body().path("checkInCode").isNull()).isTrue();
		assertThat(this.api.send("PATCH", "/activities/" + id, Map.of("title", "越权"), this.member.token(), Map.of())
			.code()).isEqualTo("FORBIDDEN");
		assertThat(this.api.post("/activities/" + id + "/check-in-code", null, this.member.token()).status())
			.isEqualTo(403);
		assertThat(
				this.api
					.post("/organizations/" + this.college + "/activities",
							Map.of("title", "t", "startAt", "2026-12-03T09:00:00+08:00", "endAt",
									"2026-12-03T11:00:00+08:00", "geofence", Attendance.circle(100)),
							this.member.token())
					.status())
			.isEqualTo(403);
	}

	@Test
	void editsOfTimeAndFenceAreAudited() {
		String id = this.attendance
			.publish(this.college, this.admin, "2026-12-08T09:00:00+08:00", "2026-12-08T11:00:00+08:00", Map.of())
			.field("id");
		Api.Response edited = this.api.send("PATCH", "/activities/" + id,
				Map.of("endAt", "2026-12-08T12:00:00+08:00", "geofence", Attendance.circle(300)), this.admin, Map.of());
		assertThat(edited.status()).isEqualTo(200);
		assertThat(edited.field("endAt")).isEqualTo("2026-12-08T12:00:00+08:00");
		assertThat(edited.body().path("geofence").path("radiusMeters").asDouble()).isEqualTo(300);
		String details = this.jdbc
			.sql("SELECT details::text FROM audit_log WHERE action = 'ACTIVITY_EDITED' AND target_id = ?")
			.param(id)
			.query(String.class)
			.single();
		assertThat(details).contains("time").contains("geofence");
	}

	private Api.Response publishRaw(Map<String, Object> body) {
		return this.api.post("/organizations/" + this.college + "/activities", body, this.admin);
	}

	private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
		Map<String, Object> copy = new java.util.HashMap<>(base);
		copy.put(key, value);
		return copy;
	}

}
