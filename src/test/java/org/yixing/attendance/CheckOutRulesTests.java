package org.yixing.attendance;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RULES §6 check-out, one row per rule and in their order: same device, inside the fence,
 * no later than the end + 30 min. Each row checks in at 10:05 on a fresh volunteer and
 * phone, then moves the clock and checks out as the row says.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckOutRulesTests {

	static final double FAR_NORTH = Attendance.LAT + 0.01;

	@Autowired
	Api api;

	Attendance attendance;

	Volunteers volunteers;

	String code;

	@BeforeAll
	void activity() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		Organizations organizations = new Organizations(this.api);
		String college = organizations.createTopLevel("签退规则学院");
		this.code = this.attendance
			.publish(college, organizations.staffToken(), "2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00",
					Map.of("membersOnly", false))
			.field("checkInCode");
	}

	static Stream<Arguments> rules() {
		return Stream.of(row("in time, same phone, inside", "2026-11-25T11:00:00+08:00", false, false, 200, ""),
				row("the deadline itself (end + 30 min) is in time", "2026-11-25T12:30:00+08:00", false, false, 200,
						""),
				row("from another phone", "2026-11-25T11:00:00+08:00", true, false, 409,
						"CHECKED_IN_ON_ANOTHER_DEVICE"),
				row("outside the fence", "2026-11-25T11:00:00+08:00", false, true, 422, "OUT_OF_RANGE"),
				row("after the end + 30 min", "2026-11-25T12:30:01+08:00", false, false, 422,
						"ACTIVITY_NOT_IN_PROGRESS"),
				row("device before fence: another phone, outside", "2026-11-25T11:00:00+08:00", true, true, 409,
						"CHECKED_IN_ON_ANOTHER_DEVICE"),
				row("fence before time: outside, too late", "2026-11-25T12:45:00+08:00", false, true, 422,
						"OUT_OF_RANGE"));
	}

	@ParameterizedTest(name = "{0} → {4} {5}")
	@MethodSource("rules")
	void eachCheckOutRuleAnswersInItsOrder(String name, String at, boolean otherPhone, boolean outside, int status,
			String code) {
		this.attendance.fixClock("2026-11-25T10:05:00+08:00");
		String token = this.volunteers.register().token();
		String phone = Attendance.newDevice();
		String session = this.attendance.checkIn(token, phone, this.code).field("sessionId");
		this.attendance.fixClock(at);
		Api.Response out = this.attendance.checkOut(token, otherPhone ? Attendance.newDevice() : phone, session,
				outside ? FAR_NORTH : Attendance.LAT, Attendance.LNG);
		assertThat(out.status()).as(out.toString()).isEqualTo(status);
		assertThat(out.code()).isEqualTo(code);
	}

	static Arguments row(String name, String at, boolean otherPhone, boolean outside, int status, String code) {
		return Arguments.of(name, at, otherPhone, outside, status, code);
	}

}
