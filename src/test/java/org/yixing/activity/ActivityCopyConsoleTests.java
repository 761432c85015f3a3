package org.yixing.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * 复制为新活动: an admin publishes last week's activity again from the console, every field
 * kept and its time moved on by whole weeks; only from an activity they run.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivityCopyConsoleTests {

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	Attendance attendance;

	Volunteers volunteers;

	Organizations organizations;

	String college;

	Volunteers.Registered admin;

	@BeforeAll
	void anOrganization() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.college = this.organizations.createTopLevel("复制学院");
		this.admin = this.volunteers.register();
		this.organizations.makeAdmin(this.college, this.admin.id());
	}

	@Test
	void lastSaturdaysActivityIsCopiedToNextSaturdayWithEverythingElseKept() {
		this.attendance.fixClock("2026-12-01T08:00:00+08:00");
		Api.Response source = this.attendance.publish(this.college, admin(), "2026-12-05T09:00:00+08:00",
				"2026-12-05T11:30:00+08:00",
				new HashMap<>(Map.of("membersOnly", false, "place", "图书馆三楼", "leadName", "李老师", "capacity", 12,
						"checkOutGraceMinutes", 45, "reminderMinutes", 20, "checkInMode", "ROTATING_QR")));
		this.attendance.fixClock("2026-12-09T10:00:00+08:00");
		WebSession console = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD);
		WebSession.Page editor = console
			.get("/admin/organizations/" + this.college + "/activities/new?from=" + source.field("id"));
		assertThat(editor.status()).isEqualTo(200);
		assertThat(editor.body()).contains("已复制「图书馆志愿服务」")
			.contains("value=\"2026-12-12T09:00\"")
			.contains("value=\"2026-12-12T11:30\"")
			.contains("value=\"图书馆三楼\"")
			.contains("value=\"李老师\"")
			.contains("value=\"12\"")
			.contains("value=\"45\"")
			.contains("value=\"20\"");

		Map<String, String> form = new HashMap<>(Map.of("title", "图书馆志愿服务", "startAt", "2026-12-12T09:00", "endAt",
				"2026-12-12T11:30", "fenceType", "CIRCLE", "centerLat", String.valueOf(Attendance.LAT), "centerLng",
				String.valueOf(Attendance.LNG), "radiusMeters", "200", "checkInOpensMinutesBefore", "30",
				"checkOutGraceMinutes", "45"));
		form.put("reminderMinutes", "20");
		form.put("checkInMode", "ROTATING_QR");
		WebSession.Page published = console.post("/admin/organizations/" + this.college + "/activities", form);
		assertThat(published.status()).isEqualTo(302);
		String id = published.header("Location").replaceAll(".*/admin/activities/([^?]+).*", "$1");
		Api.Response copy = this.api.get("/activities/" + id, admin());
		assertThat(copy.field("startAt")).isEqualTo("2026-12-12T09:00:00+08:00");
		assertThat(copy.field("checkInMode")).isEqualTo("ROTATING_QR");
		assertThat(copy.field("checkInCode")).isNotEqualTo(source.field("checkInCode"));
		assertThat(this.api.get("/activities/" + source.field("id"), admin()).field("startAt"))
			.as("the source is left as it was")
			.isEqualTo("2026-12-05T09:00:00+08:00");
	}

	@Test
	void onlyAnActivityTheAdminRunsCanBeCopied() {
		this.attendance.fixClock("2026-12-01T08:00:00+08:00");
		String other = this.organizations.createTopLevel("别的学院");
		Api.Response theirs = this.attendance.publish(other, this.organizations.staffToken(),
				"2026-12-05T09:00:00+08:00", "2026-12-05T11:00:00+08:00", new HashMap<>(Map.of("membersOnly", false)));
		WebSession console = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD);
		WebSession.Page refused = console
			.get("/admin/organizations/" + this.college + "/activities/new?from=" + theirs.field("id"));
		assertThat(refused.status()).isIn(403, 404);
		assertThat(refused.body()).doesNotContain("已复制");
	}

	/** The clock moves on by days: sign in again for each call. */
	private String admin() {
		return this.volunteers.login(this.admin.idNumber(), Volunteers.PASSWORD);
	}

	@Test
	void aCopyStartsTheFirstWholeWeekAfterNowAndNeverEarlier() {
		Instant now = Instant.parse("2026-12-09T02:00:00Z");
		qt().forAll(longs().between(-60L * 24 * 400, 60L * 24 * 400)).checkAssert((minutes) -> {
			Instant start = now.plus(Duration.ofMinutes(minutes));
			Duration later = ActivityConsole.weeksUntilAfter(start, now);
			assertThat(later.toDays() % 7).isZero();
			assertThat(later.toDays()).isGreaterThanOrEqualTo(7);
			assertThat(start.plus(later)).isAfter(now);
			if (later.toDays() > 7) {
				assertThat(start.plus(later).minusSeconds(7 * 24 * 3600)).isBeforeOrEqualTo(now);
			}
		});
	}

}
