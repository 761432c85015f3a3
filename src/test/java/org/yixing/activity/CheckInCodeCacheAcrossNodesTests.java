package org.yixing.activity;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.SecondNode;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one PostgreSQL, each remembering sign-in codes (here for a whole minute,
 * so that only the notification can explain what the test sees): a new code set on one
 * node retires the old one on the other as soon as the change commits.
 */
@ApiTest
@TestPropertySource(properties = "yixing.check-in-code-cache=PT60S")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckInCodeCacheAcrossNodesTests {

	@RegisterExtension
	static final SecondNode second = new SecondNode("--yixing.check-in-code-cache=PT60S");

	@Autowired
	Api api;

	@BeforeAll
	void theSecondNodeListensForChangedCodes() {
		await().until(() -> second.context().getBean(CheckInCodeCache.class).listening());
	}

	@Test
	void aCodeChangedOnOneNodeIsRetiredOnTheOtherAsItCommits() {
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String organization = organizations.createTopLevel("缓存协会" + System.nanoTime() % 100_000);
		Api.Response published = new Attendance(this.api).publish(organization, staff, "2026-12-01T09:00:00+08:00",
				"2026-12-01T12:00:00+08:00", new HashMap<>(Map.of("membersOnly", false)));
		String activity = published.field("id");
		String oldCode = published.field("checkInCode");
		String volunteer = new Volunteers(second.api()).register().token();
		// the second node reads the activity behind the code and remembers it
		assertThat(second.api().get("/activities/by-code/" + oldCode, volunteer).status()).isEqualTo(200);
		assertThat(second.api().get("/activities/by-code/" + oldCode, volunteer).status()).isEqualTo(200);

		Api.Response renewed = this.api.post("/activities/" + activity + "/check-in-code", null, staff);
		assertThat(renewed.status()).as(renewed.toString()).isLessThan(300);
		String newCode = renewed.field("checkInCode");
		assertThat(newCode).isNotEqualTo(oldCode);

		long changed = System.nanoTime();
		await().atMost(java.time.Duration.ofSeconds(3))
			.until(() -> second.api().get("/activities/by-code/" + oldCode, volunteer).status() == 404);
		long millis = (System.nanoTime() - changed) / 1_000_000;
		assertThat(second.api().get("/activities/by-code/" + newCode, volunteer).field("id")).isEqualTo(activity);
		System.out.printf("old code retired on the other node %d ms after the change (cache time 60 s)%n", millis);
	}

	/**
	 * 取消活动 on one node: the other, which remembered the activity a moment before, opens
	 * no session for it (its notification, or else the sessions' foreign key, V29).
	 */
	@Test
	void anActivityCancelledOnOneNodeTakesNoCheckInOnTheOther() {
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String organization = organizations.createTopLevel("取消协会" + System.nanoTime() % 100_000);
		Attendance attendance = new Attendance(this.api);
		attendance.fixClock("2026-12-01T10:00:00+08:00");
		new Attendance(second.api()).fixClock("2026-12-01T10:00:00+08:00");
		Api.Response published = attendance.publish(organization, staff, "2026-12-01T09:00:00+08:00",
				"2026-12-01T12:00:00+08:00", new HashMap<>(Map.of("membersOnly", false)));
		String code = published.field("checkInCode");
		String volunteer = new Volunteers(second.api()).register().token();
		assertThat(second.api().get("/activities/by-code/" + code, volunteer).field("status")).isEqualTo("IN_PROGRESS");

		Api.Response cancelled = this.api.post("/activities/" + published.field("id") + "/cancel",
				Map.of("reason", "场地临时关闭"), staff);
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		Api.Response refused = new Attendance(second.api()).checkIn(volunteer, Attendance.newDevice(), code);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("ACTIVITY_CANCELLED");
		assertThat(this.api.get("/activities/" + published.field("id") + "/attendance", staff).body()).isEmpty();
	}

}
