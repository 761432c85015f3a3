package org.yixing.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.IdNumbers;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention (docs/PRIVACY.md): an ID photo is deleted 30 days after its recovery request
 * was decided, on the application clock; a pending one is kept until staff decide.
 */
@ApiTest
class IdPhotoRetentionTests {

	@Autowired
	Api api;

	@Autowired
	IdPhotoRetention retention;

	@Test
	void aDecidedRequestsPhotoIsDeletedThirtyDaysAfterTheDecision() {
		Attendance clock = new Attendance(this.api);
		clock.fixClock("2026-01-01T09:00:00+08:00");
		String staff = new Organizations(this.api).staffToken();
		String decided = request();
		String pending = request();
		assertThat(this.api.post("/admin/id-photo-reviews/" + decided + "/reject", Map.of("reason", "照片模糊"), staff)
			.status()).isEqualTo(200);

		clock.fixClock("2026-01-30T09:00:00+08:00");
		staff = new Organizations(this.api).staffToken();
		this.retention.forget();
		assertThat(this.api.get("/admin/id-photo-reviews/" + decided + "/photo", staff).status()).isEqualTo(200);

		clock.fixClock("2026-01-31T09:00:01+08:00");
		staff = new Organizations(this.api).staffToken();
		assertThat(this.retention.forget()).isEqualTo(1);
		Api.Response gone = this.api.get("/admin/id-photo-reviews/" + decided + "/photo", staff);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(this.api.get("/admin/id-photo-reviews/" + pending + "/photo", staff).status()).isEqualTo(200);
		// The decision itself stays on record.
		assertThat(this.api.get("/admin/id-photo-reviews?status=REJECTED", staff).text()).contains(decided);
	}

	private String request() {
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		Api.Response requested = this.api.multipart("/password-resets/id-photo",
				Map.of("idNumber", volunteer.idNumber(), "realName", "测试志愿者", "newPhone", IdNumbers.randomPhone()),
				"photo", "a.jpg", IdPhotoRecoveryApiTests.JPEG, "image/jpeg", null);
		assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
		return requested.field("id");
	}

}
