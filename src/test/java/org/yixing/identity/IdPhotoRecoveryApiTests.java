package org.yixing.identity;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Race;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES §3: recovery by handheld-ID photo, reviewed by platform staff. */
@ApiTest
class IdPhotoRecoveryApiTests {

	static final byte[] JPEG = Volunteers.ID_PHOTO;

	@Autowired
	Api api;

	@Test
	void anApprovedPhotoRebindsThePhoneSoThatTheVolunteerCanResetBySms() {
		Volunteers.Registered volunteer = volunteers().register();
		String newPhone = IdNumbers.randomPhone();
		Api.Response submitted = submit(volunteer.idNumber(), newPhone, JPEG, "image/jpeg");
		assertThat(submitted.status()).isEqualTo(202);
		assertThat(submitted.field("status")).isEqualTo("PENDING");
		String id = submitted.field("id");

		String staff = staffToken();
		JsonNode pending = this.api.get("/admin/id-photo-reviews?status=PENDING", staff).body();
		assertThat(pending).hasSize(1);
		assertThat(pending.get(0).path("id").asString()).isEqualTo(id);
		assertThat(pending.get(0).path("idNumberMasked").asString()).contains("**********");
		assertThat(pending.toString()).doesNotContain(volunteer.idNumber()).doesNotContain(newPhone);
		Api.Response photo = this.api.get("/admin/id-photo-reviews/" + id + "/photo", staff);
		assertThat(photo.bytes()).isEqualTo(JPEG);
		assertThat(photo.contentType()).isEqualTo("image/jpeg");

		Api.Response approved = this.api.post("/admin/id-photo-reviews/" + id + "/approve", null, staff);
		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.field("status")).isEqualTo("APPROVED");
		assertThat(this.api.get("/password-resets/id-photo/" + id).field("status")).isEqualTo("APPROVED");

		String code = volunteers().sendCode(newPhone, "RESET_PASSWORD");
		assertThat(this.api
			.post("/password-resets/sms", Map.of("idNumber", volunteer.idNumber(), "phone", newPhone, "smsCode", code,
					"newPassword", "Photo2027"))
			.status()).isEqualTo(204);
		assertThat(volunteers().login(newPhone, "Photo2027")).isNotBlank();
	}

	@Test
	void aRejectedRequestSaysWhy() {
		Volunteers.Registered volunteer = volunteers().register();
		String id = submit(volunteer.idNumber(), IdNumbers.randomPhone(), JPEG, "image/jpeg").field("id");
		Api.Response rejected = this.api.post("/admin/id-photo-reviews/" + id + "/reject",
				Map.of("reason", "照片模糊，请重新拍摄"), staffToken());
		assertThat(rejected.field("status")).isEqualTo("REJECTED");
		Api.Response status = this.api.get("/password-resets/id-photo/" + id);
		assertThat(status.field("status")).isEqualTo("REJECTED");
		assertThat(status.field("reason")).isEqualTo("照片模糊，请重新拍摄");
		assertThat(volunteers().login(volunteer.phone(), Volunteers.PASSWORD)).isNotBlank();
		assertThat(this.api.post("/admin/id-photo-reviews/" + id + "/reject", Map.of(), staffToken()).code())
			.isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void onlyJpegAndPngPhotosAreTakenWhateverTheClaimedType() {
		Volunteers.Registered volunteer = volunteers().register();
		Api.Response text = submit(volunteer.idNumber(), IdNumbers.randomPhone(), "<html>".getBytes(), "image/jpeg");
		assertThat(text.status()).isEqualTo(400);
		assertThat(text.code()).isEqualTo("INVALID_PHOTO");
		Api.Response tooBig = submit(volunteer.idNumber(), IdNumbers.randomPhone(), new byte[5 * 1024 * 1024 + 100_000],
				"image/jpeg");
		assertThat(tooBig.status()).isEqualTo(413);
	}

	@Test
	void oneRequestAtATimeAndOnlyForAnExistingAccount() {
		Volunteers.Registered volunteer = volunteers().register();
		assertThat(submit(volunteer.idNumber(), IdNumbers.randomPhone(), JPEG, "image/jpeg").status()).isEqualTo(202);
		assertThat(submit(volunteer.idNumber(), IdNumbers.randomPhone(), JPEG, "image/jpeg").code())
			.isEqualTo("REQUEST_PENDING");
		assertThat(submit(IdNumbers.random(), IdNumbers.randomPhone(), JPEG, "image/jpeg").status()).isEqualTo(404);
	}

	@Test
	void onlyStaffReview() {
		Volunteers.Registered volunteer = volunteers().register();
		String id = submit(volunteer.idNumber(), IdNumbers.randomPhone(), JPEG, "image/jpeg").field("id");
		assertThat(this.api.get("/admin/id-photo-reviews", volunteer.token()).code()).isEqualTo("FORBIDDEN");
		assertThat(this.api.get("/admin/id-photo-reviews/" + id + "/photo", volunteer.token()).status()).isEqualTo(403);
		assertThat(this.api.post("/admin/id-photo-reviews/" + id + "/approve", null, volunteer.token()).status())
			.isEqualTo(403);
		assertThat(this.api.get("/admin/id-photo-reviews", null).status()).isEqualTo(401);
	}

	@Test
	void aRequestIsDecidedOnceEvenWhenTwoStaffClickTogether() {
		Volunteers.Registered volunteer = volunteers().register();
		String id = submit(volunteer.idNumber(), IdNumbers.randomPhone(), JPEG, "image/jpeg").field("id");
		String staff = staffToken();
		List<Api.Response> results = Race.of(2,
				(i) -> (i == 0) ? this.api.post("/admin/id-photo-reviews/" + id + "/approve", null, staff)
						: this.api.post("/admin/id-photo-reviews/" + id + "/reject", Map.of("reason", "重复"), staff));
		assertThat(results).filteredOn((r) -> r.status() == 200).hasSize(1);
		assertThat(results).filteredOn((r) -> r.status() == 409)
			.singleElement()
			.satisfies((r) -> assertThat(r.code()).isEqualTo("ALREADY_DECIDED"));
	}

	private Api.Response submit(String idNumber, String newPhone, byte[] photo, String type) {
		return this.api.multipart("/password-resets/id-photo",
				Map.of("idNumber", idNumber, "realName", "测试志愿者", "newPhone", newPhone), "photo", "id.jpg", photo, type,
				null);
	}

	private String staffToken() {
		return volunteers().login(Staff.ID_NUMBER, Staff.PASSWORD);
	}

	private Volunteers volunteers() {
		return new Volunteers(this.api);
	}

}
