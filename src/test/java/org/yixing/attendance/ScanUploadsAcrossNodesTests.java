package org.yixing.attendance;

import java.time.OffsetDateTime;
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
import org.yixing.test.PersonalCodes;
import org.yixing.test.Race;
import org.yixing.test.SecondNode;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin's phone on a flaky network sends the same batch of scans to two nodes at once
 * (a retry through the load balancer): each scan is recorded once, both answers say the
 * same, and every volunteer has one session (RULES §12: uploads are idempotent per scan).
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanUploadsAcrossNodesTests {

	@RegisterExtension
	static final SecondNode second = new SecondNode();

	static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-25T10:30:00+08:00");

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
	void theSameBatchRacingOnTwoNodesRecordsEachScanOnce() {
		for (Api node : new Api[] { this.api, second.api() }) {
			assertThat(node.put("/dev/clock", Map.of("now", NOW.minusHours(1).toString()), null).status())
				.isLessThan(300);
		}
		Volunteers volunteers = new Volunteers(this.api);
		Organizations organizations = new Organizations(this.api);
		PersonalCodes codes = new PersonalCodes(this.api);
		String association = organizations.createTopLevel("两节点扫码协会");
		String activity = new Attendance(this.api)
			.publish(association, organizations.staffToken(), "2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00",
					Map.of("membersOnly", false, "checkInMode", "ORGANIZER_SCAN"))
			.field("id");
		List<Volunteers.Registered> people = new ArrayList<>();
		List<Map<String, Object>> scans = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			Volunteers.Registered v = volunteers.register();
			people.add(v);
			scans.add(PersonalCodes.scan(codes.issue(v.token()).codeAt(NOW), NOW.minusNanos(i * 100_000_000L)));
		}
		for (Api node : new Api[] { this.api, second.api() }) {
			node.put("/dev/clock", Map.of("now", NOW.toString()), null);
		}
		List<Api.Response> answers = Race.of(6, (i) -> codes.upload((i % 2 == 0) ? this.api : second.api(), activity,
				organizations.staffToken(), NOW, scans));
		for (Api.Response answer : answers) {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo(answers.get(0).body());
		}
		assertThat(answers.get(0).body().get("results").findValuesAsString("outcome")).as(answers.get(0).text())
			.containsOnly("CHECKED_IN");
		assertThat(this.jdbc.sql("SELECT count(*) FROM attendance_scans WHERE activity_id = CAST(? AS uuid)")
			.param(activity)
			.query(Integer.class)
			.single()).isEqualTo(40);
		assertThat(this.jdbc.sql("SELECT count(*) FROM attendance_sessions WHERE activity_id = CAST(? AS uuid)")
			.param(activity)
			.query(Integer.class)
			.single()).isEqualTo(40);
	}

}
