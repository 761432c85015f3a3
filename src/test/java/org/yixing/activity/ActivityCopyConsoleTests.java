package org.yixing.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Race;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * 复制为新活动 and 每周重复: an admin publishes an activity again, every field kept and its time
 * moved on by whole weeks, once or in each of the next weeks; only one they run.
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

	@Test
	void weeklyCopiesPublishTheActivityInEachOfTheNextWeeksOnceEachEvenWhenAskedAgain() {
		this.attendance.fixClock("2026-12-14T08:00:00+08:00");
		Api.Response source = this.attendance.publish(this.college, admin(), "2026-12-19T09:00:00+08:00",
				"2026-12-19T11:30:00+08:00",
				new HashMap<>(Map.of("membersOnly", false, "place", "敬老院", "capacity", 8, "reminderMinutes", 20)));
		String id = source.field("id");
		Api.Response copied = this.api.post("/activities/" + id + "/weekly-copies", Map.of("weeks", 3), admin());
		assertThat(copied.status()).as(copied.toString()).isEqualTo(201);
		List<JsonNode> copies = StreamSupport.stream(copied.body().spliterator(), false).toList();
		assertThat(copies).extracting((c) -> c.path("startAt").asString())
			.containsExactly("2026-12-26T09:00:00+08:00", "2027-01-02T09:00:00+08:00", "2027-01-09T09:00:00+08:00");
		assertThat(copies).allSatisfy((c) -> {
			assertThat(c.path("endAt").asString()).endsWith("T11:30:00+08:00");
			assertThat(c.path("title").asString()).isEqualTo("图书馆志愿服务");
			assertThat(c.path("place").asString()).isEqualTo("敬老院");
			assertThat(c.path("capacity").asInt()).isEqualTo(8);
			assertThat(c.path("reminderMinutes").asInt()).isEqualTo(20);
			assertThat(c.path("membersOnly").asBoolean()).isFalse();
		});
		assertThat(copies).extracting((c) -> c.path("checkInCode").asString())
			.doesNotContain(source.field("checkInCode"))
			.doesNotHaveDuplicates();

		Api.Response again = this.api.post("/activities/" + id + "/weekly-copies", Map.of("weeks", 3), admin());
		assertThat(again.status()).isEqualTo(201);
		assertThat(ids(again)).as("asked again, nothing is made twice").isEqualTo(ids(copied));
		Api.Response longer = this.api.post("/activities/" + id + "/weekly-copies", Map.of("weeks", 5), admin());
		assertThat(ids(longer).subList(0, 3)).isEqualTo(ids(copied));
		assertThat(ids(longer)).hasSize(5).doesNotHaveDuplicates();
		assertThat(this.api.get("/organizations/" + this.college + "/activities", admin()).body().size())
			.as("the source and five copies, with the other tests' activities")
			.isGreaterThanOrEqualTo(6);
		assertThat(StreamSupport
			.stream(this.api.get("/organizations/" + this.college + "/activities", admin()).body().spliterator(), false)
			.filter((a) -> a.path("place").asString().equals("敬老院"))
			.count()).isEqualTo(6);
	}

	@Test
	void weeklyCopiesAreOneToTwentyWeeksOfAnActivityTheAdminRunsAndARaceMakesThemOnce() {
		this.attendance.fixClock("2026-12-14T08:00:00+08:00");
		String id = this.attendance
			.publish(this.college, admin(), "2026-12-20T14:00:00+08:00", "2026-12-20T16:00:00+08:00",
					new HashMap<>(Map.of("membersOnly", false, "place", "操场")))
			.field("id");
		for (int weeks : List.of(0, 21)) {
			Api.Response refused = this.api.post("/activities/" + id + "/weekly-copies", Map.of("weeks", weeks),
					admin());
			assertThat(refused.status()).as("%s weeks: %s", weeks, refused).isEqualTo(400);
			assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
			assertThat(refused.body().path("errors").path("weeks").asString()).as("the console's words")
				.isEqualTo("每周重复的周数为1至20");
		}
		assertThat(this.api.post("/activities/" + id + "/weekly-copies", Map.of("weeks", "四"), admin()).code())
			.isEqualTo("MALFORMED_REQUEST");
		Volunteers.Registered stranger = this.volunteers.register();
		assertThat(this.api.post("/activities/" + id + "/weekly-copies", Map.of("weeks", 2), stranger.token()).status())
			.isEqualTo(403);
		List<Api.Response> raced = Race.of(4,
				(i) -> this.api.post("/activities/" + id + "/weekly-copies", Map.of("weeks", 2), admin()));
		assertThat(raced).allSatisfy((r) -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
		assertThat(raced).extracting(ActivityCopyConsoleTests::ids).containsOnly(ids(raced.get(0)));
		assertThat(StreamSupport
			.stream(this.api.get("/organizations/" + this.college + "/activities", admin()).body().spliterator(), false)
			.filter((a) -> a.path("place").asString().equals("操场"))
			.count()).isEqualTo(3);
	}

	@Test
	void theEditorPublishesWeeklyCopiesAndSaysHowMany() {
		this.attendance.fixClock("2026-12-14T08:00:00+08:00");
		String id = this.attendance
			.publish(this.college, admin(), "2026-12-21T18:00:00+08:00", "2026-12-21T20:00:00+08:00",
					new HashMap<>(Map.of("membersOnly", false, "place", "食堂")))
			.field("id");
		WebSession console = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD);
		assertThat(console.get("/admin/activities/" + id + "/edit").body()).contains("id=\"weekly-copies\"")
			.contains("每周重复");
		WebSession.Page refused = console.post("/admin/activities/" + id + "/weekly-copies", Map.of("weeks", "30"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("每周重复的周数为1至20").contains("value=\"30\"");
		WebSession.Page copied = console.post("/admin/activities/" + id + "/weekly-copies", Map.of("weeks", "2"));
		assertThat(copied.status()).isEqualTo(302);
		assertThat(copied.header("Location")).endsWith("/admin/organizations/" + this.college + "/activities?copied=2");
		assertThat(console.get("/admin/organizations/" + this.college + "/activities?copied=2").body())
			.contains("已按周发布2个活动")
			.contains("2026-12-28 18:00")
			.contains("2027-01-04 18:00");
	}

	private static List<String> ids(Api.Response response) {
		return StreamSupport.stream(response.body().spliterator(), false).map((a) -> a.path("id").asString()).toList();
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
			Duration later = ActivityManagement.weeksUntilAfter(start, now);
			assertThat(later.toDays() % 7).isZero();
			assertThat(later.toDays()).isGreaterThanOrEqualTo(7);
			assertThat(start.plus(later)).isAfter(now);
			if (later.toDays() > 7) {
				assertThat(start.plus(later).minusSeconds(7 * 24 * 3600)).isBeforeOrEqualTo(now);
			}
		});
	}

}
