package org.yixing.attendance;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/** Quick check-in phone ownership is visible to staff, who may release it. */
@ApiTest
class DeviceBindingApiTests {

	@Autowired
	Api api;

	@Test
	void staffSeeWhoOwnsAPhoneAndMayReleaseIt() {
		Attendance attendance = new Attendance(this.api);
		Volunteers volunteers = new Volunteers(this.api);
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String college = organizations.createTopLevel("设备学院");
		String code = attendance
			.publish(college, staff, "2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00",
					Map.of("membersOnly", false))
			.field("checkInCode");
		attendance.fixClock("2026-11-25T10:05:00+08:00");
		Volunteers.Registered first = volunteers.register();
		Volunteers.Registered second = volunteers.register();
		String phone = Attendance.newDevice();
		assertThat(attendance.checkIn(first.token(), phone, code).status()).isEqualTo(201);

		Api.Response owner = this.api.get("/admin/device-bindings?deviceId=" + phone, staff);
		assertThat(owner.body().get(0).path("accountId").asString()).isEqualTo(first.id());
		assertThat(this.api.get("/admin/device-bindings?accountId=" + first.id(), staff).body()).hasSize(1);
		assertThat(this.api.get("/admin/device-bindings?deviceId=" + phone, first.token()).status()).isEqualTo(403);
		assertThat(attendance.checkIn(second.token(), phone, code).code()).isEqualTo("DEVICE_BOUND_TO_OTHER_ACCOUNT");

		assertThat(this.api.delete("/admin/device-bindings/" + phone, staff).status()).isEqualTo(204);
		assertThat(this.api.delete("/admin/device-bindings/" + phone, staff).status()).isEqualTo(404);
		assertThat(attendance.checkIn(second.token(), phone, code).status()).isEqualTo(201);
	}

}
