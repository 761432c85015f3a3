package org.yixing.face;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.FaceFixtures;
import org.yixing.test.IdNumbers;
import org.yixing.test.Organizations;
import org.yixing.test.Race;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RULES §7 through the HTTP API, on real photos: consent, enrolment, comparison at
 * check-in after every other check, the lock after the first success, three mismatches
 * and the admins' notice, and withdrawal.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceCheckInApiTests {

	static final String CONSENT = FaceConsent.CURRENT.version();

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FaceAnalyser analyser;

	@org.springframework.beans.factory.annotation.Value("${local.server.port}")
	int port;

	Attendance attendance;

	Volunteers volunteers;

	Organizations organizations;

	String association;

	String admin;

	String adminId;

	Volunteers.Registered officer;

	@BeforeAll
	void association() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.association = this.organizations.createTopLevel("人脸签到协会");
		Volunteers.Registered officer = this.volunteers.register();
		this.organizations.makeAdmin(this.association, officer.id());
		this.admin = officer.token();
		this.adminId = officer.id();
		this.officer = officer;
	}

	@BeforeEach
	void clock() {
		this.attendance.fixClock("2026-11-25T10:05:00+08:00");
	}

	/** A fresh activity open to all, 10:00–12:00, and its sign-in code. */
	String activity() {
		return this.attendance
			.publish(this.association, this.admin, "2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00",
					Map.of("membersOnly", false))
			.field("checkInCode");
	}

	Api.Response enrol(String token, byte[] image) {
		return this.api.put("/me/face", Map.of("image", FaceFixtures.base64(image), "consentVersion", CONSENT), token);
	}

	Api.Response faceCheckIn(String token, String device, String code, byte[] image, Map<String, Object> extra) {
		Map<String, Object> body = new HashMap<>(Map.of("method", "FACE", "faceImage", FaceFixtures.base64(image)));
		body.putAll(extra);
		return this.attendance.checkIn(token, device, code, Attendance.LAT, Attendance.LNG, body);
	}

	@Test
	void theConsentTextHasAVersion() {
		Api.Response consent = this.api.get("/face/consent");
		assertThat(consent.status()).isEqualTo(200);
		assertThat(consent.field("version")).isEqualTo(CONSENT);
		assertThat(consent.field("text")).contains("人脸信息处理规则");
	}

	@Test
	void anEnrolledVolunteerChecksInByFaceOnAPhoneBoundToSomeoneElse() {
		// FAQ 8: 小明 quick-checks-in on the phone first; 小红 uses it by face.
		Volunteers.Registered xiaoming = this.volunteers.register();
		Volunteers.Registered xiaohong = this.volunteers.register();
		String phone = Attendance.newDevice();
		String code = activity();
		assertThat(this.attendance.checkIn(xiaoming.token(), phone, code).status()).isEqualTo(201);
		assertThat(this.attendance.checkIn(xiaohong.token(), phone, code).code())
			.isEqualTo("DEVICE_BOUND_TO_OTHER_ACCOUNT");

		FaceFixtures.Face face = FaceFixtures.face("sample3-1");
		assertThat(enrol(xiaohong.token(), face.jpeg()).status()).isEqualTo(204);
		Api.Response status = this.api.get("/me/face", xiaohong.token());
		assertThat(status.body().get("enrolled").asBoolean()).isTrue();
		assertThat(status.body().get("locked").asBoolean()).isFalse();
		assertThat(status.field("consentVersion")).isEqualTo(CONSENT);
		assertThat(status.body().has("template")).isFalse();
		// Until a face check-in succeeds the enrolment may be replaced.
		assertThat(enrol(xiaohong.token(), face.jpeg()).status()).isEqualTo(204);

		Api.Response checkedIn = faceCheckIn(xiaohong.token(), phone, code, face.variants().get("mirrored"), Map.of());
		assertThat(checkedIn.status()).as(checkedIn.toString()).isEqualTo(201);
		// After it, it cannot.
		assertThat(enrol(xiaohong.token(), face.jpeg()).code()).isEqualTo("FACE_LOCKED");
		assertThat(this.api.get("/me/face", xiaohong.token()).body().get("locked").asBoolean()).isTrue();
		// A face check-in does not take the phone from 小明.
		assertThat(this.jdbc.sql("SELECT account_id::text FROM device_bindings WHERE device_id = ?")
			.param(phone)
			.query(String.class)
			.single()).isEqualTo(xiaoming.id());
	}

	@Test
	void theFirstFaceCheckInEnrolsWithConsentAndLocks() {
		Volunteers.Registered volunteer = this.volunteers.register();
		String code = activity();
		byte[] face = FaceFixtures.face("sample5-2").jpeg();
		Api.Response first = faceCheckIn(volunteer.token(), Attendance.newDevice(), code, face,
				Map.of("faceConsentVersion", CONSENT));
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		Api.Response status = this.api.get("/me/face", volunteer.token());
		assertThat(status.body().get("enrolled").asBoolean()).isTrue();
		assertThat(status.body().get("locked").asBoolean()).isTrue();
		assertThat(status.body().get("consentVersion").asString()).isEqualTo(CONSENT);
		assertThat(enrol(volunteer.token(), face).code()).isEqualTo("FACE_LOCKED");
	}

	@Test
	void aFirstFaceCheckInWithoutAConsentVersionConsentsToTheCurrentRules() {
		Volunteers.Registered volunteer = this.volunteers.register();
		String code = activity();
		byte[] face = FaceFixtures.face("sample5-2").jpeg();
		Api.Response first = faceCheckIn(volunteer.token(), Attendance.newDevice(), code, face, Map.of());
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		Api.Response status = this.api.get("/me/face", volunteer.token());
		assertThat(status.body().get("locked").asBoolean()).isTrue();
		assertThat(status.body().get("consentVersion").asString())
			.isEqualTo(this.api.get("/face/consent", null).field("version"));
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM audit_log WHERE action = 'FACE_CONSENT_GIVEN' AND target_id = ?""")
			.param(volunteer.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aPictureMayAlsoBeUploadedAsMultipart() {
		Volunteers.Registered volunteer = this.volunteers.register();
		Api.Response enrolled = this.api.multipart("PUT", "/me/face", Map.of("consentVersion", CONSENT), "image",
				"face.png", png(FaceFixtures.face("sample5-3").image()), "image/png", volunteer.token());
		assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(204);
		assertThat(this.api.get("/me/face", volunteer.token()).body().get("enrolled").asBoolean()).isTrue();
		Api.Response noConsent = this.api.multipart("PUT", "/me/face", Map.of(), "image", "face.jpg",
				FaceFixtures.face("sample5-3").jpeg(), "image/jpeg", volunteer.token());
		assertThat(noConsent.code()).isEqualTo("VALIDATION_FAILED");
	}

	static byte[] png(java.awt.image.BufferedImage image) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		try {
			javax.imageio.ImageIO.write(image, "png", out);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	@Test
	void theTemplateIsSealedAndNoPictureIsKept() {
		Volunteers.Registered volunteer = this.volunteers.register();
		assertThat(enrol(volunteer.token(), FaceFixtures.face("sample6-2").jpeg()).status()).isEqualTo(204);
		byte[] stored = this.jdbc.sql("SELECT template FROM face_templates WHERE account_id = ?::uuid")
			.param(volunteer.id())
			.query(byte[].class)
			.single();
		// 128 floats are 512 bytes in the clear; sealed they carry a nonce and a tag.
		assertThat(stored.length).isGreaterThan(512);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM information_schema.columns
				WHERE table_name LIKE 'face%' AND (column_name LIKE '%image%' OR column_name LIKE '%photo%')""")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aDifferentPersonIsRefusedAndTheThirdMismatchAsksToReenrolAndTellsTheAdmins() {
		Volunteers.Registered volunteer = this.volunteers.register();
		String device = Attendance.newDevice();
		String code = activity();
		assertThat(enrol(volunteer.token(), FaceFixtures.face("sample4-3").jpeg()).status()).isEqualTo(204);
		byte[] someoneElse = FaceFixtures.face("sample6-4").jpeg();

		Api.Response first = faceCheckIn(volunteer.token(), device, code, someoneElse, Map.of());
		assertThat(first.status()).isEqualTo(422);
		assertThat(first.code()).isEqualTo("FACE_MISMATCH");
		assertThat(first.body().get("failuresLeft").asInt()).isEqualTo(2);
		assertThat(faceCheckIn(volunteer.token(), device, code, someoneElse, Map.of()).code())
			.isEqualTo("FACE_MISMATCH");
		Api.Response third = faceCheckIn(volunteer.token(), device, code, someoneElse, Map.of());
		assertThat(third.status()).isEqualTo(409);
		assertThat(third.code()).isEqualTo("FACE_REENROLL_REQUIRED");

		Api.Response status = this.api.get("/me/face", volunteer.token());
		assertThat(status.body().get("enrolled").asBoolean()).isFalse();
		assertThat(status.body().get("reenrolmentRequired").asBoolean()).isTrue();
		Api.Response flagged = this.api.get("/organizations/" + this.association + "/face-reenrolments", this.admin);
		assertThat(flagged.status()).isEqualTo(200);
		assertThat(flagged.body().findValuesAsString("accountId")).contains(volunteer.id());
		// The notice follows the refusal's commit, asynchronously.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.api.get("/me/notices", this.admin).text()).contains("人脸比对连续 3 次失败"));

		// The console lists the flag too.
		WebSession console = WebSession.signedIn(this.port, this.officer.phone(), Volunteers.PASSWORD);
		assertThat(console.get("/admin/organizations/" + this.association + "/face-reenrolments").body())
			.contains("连续 3 次比对失败", "待重新录入");
		// The next check-in does not enrol whoever is in front of the camera: the face is
		// collected again on the face page.
		Api.Response meanwhile = faceCheckIn(volunteer.token(), device, code, someoneElse,
				Map.of("faceConsentVersion", CONSENT));
		assertThat(meanwhile.code()).isEqualTo("FACE_REENROLL_REQUIRED");
		// The check-in page says so and sends the volunteer to the face page.
		WebSession web = WebSession.signedIn(this.port, volunteer.phone(), Volunteers.PASSWORD);
		WebSession.Page page = web.get("/check-in/face?v=2026-01&code=" + code);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("人脸比对连续失败，人脸信息已清除，请重新采集。").doesNotContain("data-face-camera");
		// Enrolling again clears the flag; the right face then checks in.
		assertThat(enrol(volunteer.token(), FaceFixtures.face("sample4-3").jpeg()).status()).isEqualTo(204);
		assertThat(this.api.get("/me/face", volunteer.token()).body().get("reenrolmentRequired").asBoolean()).isFalse();
		Api.Response right = faceCheckIn(volunteer.token(), device, code,
				FaceFixtures.face("sample4-3").variants().get("darker"), Map.of());
		assertThat(right.status()).as(right.toString()).isEqualTo(201);
	}

	@Test
	void mismatchesAtOnceClearTheTemplateOnceAndFlagItOnce() {
		Volunteers.Registered volunteer = this.volunteers.register();
		String code = activity();
		assertThat(enrol(volunteer.token(), FaceFixtures.face("sample5-5").jpeg()).status()).isEqualTo(204);
		byte[] other = FaceFixtures.face("sample2-2").jpeg();
		List<Api.Response> answers = Race.of(6,
				(i) -> faceCheckIn(volunteer.token(), Attendance.newDevice(), code, other, Map.of()));
		assertThat(Attendance.codes(answers.toArray(Api.Response[]::new))).containsOnly("FACE_MISMATCH",
				"FACE_REENROLL_REQUIRED");
		assertThat(this.jdbc.sql("SELECT count(*) FROM face_reenrolments WHERE account_id = ?::uuid")
			.param(volunteer.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.api.get("/me/face", volunteer.token()).body().get("enrolled").asBoolean()).isFalse();
	}

	@Test
	void aMatchInBetweenStartsTheCountAgain() {
		Volunteers.Registered volunteer = this.volunteers.register();
		String code = activity();
		FaceFixtures.Face own = FaceFixtures.face("sample5-4");
		assertThat(enrol(volunteer.token(), own.jpeg()).status()).isEqualTo(204);
		byte[] other = FaceFixtures.face("sample1-1").jpeg();
		String device = Attendance.newDevice();
		assertThat(faceCheckIn(volunteer.token(), device, code, other, Map.of()).code()).isEqualTo("FACE_MISMATCH");
		assertThat(faceCheckIn(volunteer.token(), device, code, other, Map.of()).code()).isEqualTo("FACE_MISMATCH");
		Api.Response match = faceCheckIn(volunteer.token(), device, code, own.variants().get("scaled to 60%"),
				Map.of());
		assertThat(match.status()).isEqualTo(201);
		assertThat(this.api.get("/me/face", volunteer.token()).body().get("failedComparisons").asInt()).isZero();
	}

	@Test
	void picturesWithoutExactlyOneUsableFaceSayWhy() {
		Volunteers.Registered volunteer = this.volunteers.register();
		Api.Response none = enrol(volunteer.token(), FaceFixtures.noFace());
		assertThat(none.status()).isEqualTo(400);
		assertThat(none.code()).isEqualTo("NO_FACE_DETECTED");
		assertThat(none.field("reason")).isEqualTo("NONE");
		assertThat(none.field("detail")).isEqualTo("未检测到人脸，请正对镜头重试");

		Api.Response group = enrol(volunteer.token(), FaceFixtures.sampleJpeg(6));
		assertThat(group.code()).isEqualTo("NO_FACE_DETECTED");
		assertThat(group.field("reason")).isEqualTo("SEVERAL");
		assertThat(group.field("detail")).isEqualTo("画面中有多张人脸，请确保只有本人在镜头前");

		Api.Response garbage = this.api.put("/me/face",
				Map.of("image", FaceFixtures.base64("not a picture".getBytes()), "consentVersion", CONSENT),
				volunteer.token());
		assertThat(garbage.code()).isEqualTo("NO_FACE_DETECTED");
		assertThat(garbage.field("reason")).isEqualTo("UNREADABLE");
		assertThat(garbage.field("detail")).isEqualTo("无法读取照片，请使用JPEG或PNG格式的人脸照片");
		Api.Response notBase64 = this.api.put("/me/face",
				Map.of("image", "%%% no picture %%%", "consentVersion", CONSENT), volunteer.token());
		assertThat(notBase64.code()).isEqualTo("NO_FACE_DETECTED");
		assertThat(notBase64.field("reason")).isEqualTo("UNREADABLE");
		Api.Response noConsent = this.api.put("/me/face",
				Map.of("image", FaceFixtures.base64(FaceFixtures.face("sample1-1").jpeg()), "consentVersion", ""),
				volunteer.token());
		assertThat(noConsent.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(this.api.get("/me/face", volunteer.token()).body().get("enrolled").asBoolean()).isFalse();
	}

	@Test
	void theFaceIsComparedOnlyAfterEveryOtherCheck() {
		Volunteers.Registered volunteer = this.volunteers.register();
		assertThat(enrol(volunteer.token(), FaceFixtures.face("sample2-2").jpeg()).status()).isEqualTo(204);
		String code = activity();
		// A picture without a face, but a wrong code: the code is what is wrong first.
		assertThat(faceCheckIn(volunteer.token(), Attendance.newDevice(), "000001", FaceFixtures.noFace(), Map.of())
			.code()).isEqualTo("CHECK_IN_CODE_NOT_FOUND");
		// Outside the fence with someone else's face: OUT_OF_RANGE, and no mismatch
		// counted.
		Map<String, Object> body = new HashMap<>(
				Map.of("method", "FACE", "faceImage", FaceFixtures.base64(FaceFixtures.face("sample1-2").jpeg())));
		Api.Response far = this.attendance.checkIn(volunteer.token(), Attendance.newDevice(), code,
				Attendance.LAT + 0.01, Attendance.LNG, body);
		assertThat(far.code()).isEqualTo("OUT_OF_RANGE");
		assertThat(this.api.get("/me/face", volunteer.token()).body().get("failedComparisons").asInt()).isZero();
		// In range, no face: now the picture is what is wrong.
		assertThat(faceCheckIn(volunteer.token(), Attendance.newDevice(), code, FaceFixtures.noFace(), Map.of()).code())
			.isEqualTo("NO_FACE_DETECTED");
	}

	@Test
	void withdrawingTheConsentDeletesTheTemplateAndFlagsALockedOne() {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(this.association, volunteer.idNumber());
		FaceFixtures.Face face = FaceFixtures.face("sample6-1");
		assertThat(enrol(volunteer.token(), face.jpeg()).status()).isEqualTo(204);
		assertThat(faceCheckIn(volunteer.token(), Attendance.newDevice(), activity(), face.jpeg(), Map.of()).status())
			.isEqualTo(201);

		assertThat(this.api.delete("/me/face", volunteer.token()).status()).isEqualTo(204);
		assertThat(this.jdbc.sql("SELECT count(*) FROM face_templates WHERE account_id = ?::uuid")
			.param(volunteer.id())
			.query(Long.class)
			.single()).isZero();
		Api.Response status = this.api.get("/me/face", volunteer.token());
		assertThat(status.body().get("enrolled").asBoolean()).isFalse();
		assertThat(status.body().get("consentVersion").isNull()).isTrue();
		assertThat(this.api.get("/organizations/" + this.association + "/face-reenrolments", this.admin)
			.body()
			.findValuesAsString("reason")).contains("WITHDRAWN");
		// Withdrawing twice does no harm.
		assertThat(this.api.delete("/me/face", volunteer.token()).status()).isEqualTo(204);
	}

	@Test
	void aFullPoolAnswersFaceBusyWithRetryAfterInsteadOfPilingUp() throws Exception {
		Volunteers.Registered volunteer = this.volunteers.register();
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.ThreadPoolExecutor pool = this.analyser.pool();
		try {
			// Every thread busy and every place in the queue taken.
			boolean full = false;
			while (!full) {
				try {
					pool.execute(() -> {
						try {
							release.await();
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
					});
				}
				catch (java.util.concurrent.RejectedExecutionException ex) {
					full = true;
				}
			}
			Api.Response busy = enrol(volunteer.token(), FaceFixtures.face("sample1-1").jpeg());
			assertThat(busy.status()).isEqualTo(503);
			assertThat(busy.code()).isEqualTo("FACE_BUSY");
			assertThat(busy.header("Retry-After")).isEqualTo("2");
			assertThat(busy.field("detail")).isEqualTo("人脸识别繁忙，请稍后重试");
		}
		finally {
			release.countDown();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> pool.getQueue().isEmpty() && pool.getActiveCount() == 0);
		assertThat(enrol(volunteer.token(), FaceFixtures.face("sample1-1").jpeg()).status()).isEqualTo(204);
	}

	@Test
	void onlyTheAssociationsAdminsSeeItsReenrolments() {
		Volunteers.Registered stranger = this.volunteers.register();
		assertThat(this.api.get("/organizations/" + this.association + "/face-reenrolments", stranger.token()).status())
			.isEqualTo(403);
	}

	@Test
	void deletingTheAccountDeletesTheTemplate() {
		Volunteers.Registered volunteer = this.volunteers.register(IdNumbers.random(), IdNumbers.randomPhone());
		assertThat(enrol(volunteer.token(), FaceFixtures.face("sample3-2").jpeg()).status()).isEqualTo(204);
		Api.Response deleted = this.api.send("DELETE", "/me", Map.of("password", Volunteers.PASSWORD),
				volunteer.token(), Map.of());
		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
		assertThat(this.jdbc.sql("SELECT count(*) FROM face_templates WHERE account_id = ?::uuid")
			.param(volunteer.id())
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM face_consents WHERE account_id = ?::uuid")
			.param(volunteer.id())
			.query(Long.class)
			.single()).isZero();
	}

}
