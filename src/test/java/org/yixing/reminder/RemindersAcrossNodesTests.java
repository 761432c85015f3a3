package org.yixing.reminder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Race;
import org.yixing.test.SecondNode;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RULES §13: each reminder goes out once, whatever the number of nodes running the job.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemindersAcrossNodesTests {

	@RegisterExtension
	static final SecondNode second = new SecondNode();

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@AfterAll
	void stopIt() {
		for (Api node : new Api[] { this.api, second.api() }) {
			node.delete("/dev/clock", null);
		}
	}

	@Test
	void twoNodesRunningTheJobAtOnceRemindEachVolunteerOnceByNoticeAndByText() {
		Volunteers volunteers = new Volunteers(this.api);
		Organizations organizations = new Organizations(this.api);
		Attendance attendance = new Attendance(this.api);
		String association = organizations.createTopLevel("两节点提醒协会");
		Api.Response activity = attendance.publish(association, organizations.staffToken(), "2026-12-10T10:00:00+08:00",
				"2026-12-10T12:00:00+08:00", Map.of("membersOnly", false));
		attendance.fixClock("2026-12-10T10:05:00+08:00");
		List<Volunteers.Registered> people = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Volunteers.Registered v = volunteers.register();
			people.add(v);
			assertThat(attendance.checkIn(v.token(), Attendance.newDevice(), activity.field("checkInCode")).status())
				.isEqualTo(201);
		}
		for (Api node : new Api[] { this.api, second.api() }) {
			assertThat(node.put("/dev/clock", Map.of("now", "2026-12-10T12:20:00+08:00"), null).status())
				.isLessThan(300);
		}
		List<Api.Response> runs = Race.of(8,
				(i) -> ((i % 2 == 0) ? this.api : second.api()).post("/dev/reminders/run", null));
		assertThat(runs).allSatisfy((r) -> assertThat(r.status()).isEqualTo(200));
		assertThat(runs.stream().mapToInt((r) -> r.body().path("recorded").asInt()).sum()).isEqualTo(20);
		assertThat(runs.stream().mapToInt((r) -> r.body().path("texts").asInt()).sum()).isEqualTo(20);
		assertThat(this.jdbc.sql("SELECT count(*) FROM notices WHERE kind = 'REMINDER_CHECK_OUT'")
			.query(Integer.class)
			.single()).isEqualTo(20);
		assertThat(this.jdbc.sql("SELECT count(*) FROM sms_outbox WHERE purpose = 'REMINDER'")
			.query(Integer.class)
			.single()).isEqualTo(20);
		for (Volunteers.Registered v : people) {
			assertThat(this.api.get("/dev/sms-outbox?phone=" + v.phone())
				.body()
				.findValuesAsString("purpose")
				.stream()
				.filter("REMINDER"::equals)).hasSize(1);
		}
	}

}
