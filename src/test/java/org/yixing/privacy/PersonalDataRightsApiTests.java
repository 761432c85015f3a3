package org.yixing.privacy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The volunteer's rights (PIPL Art. 45, 47): {@code GET /me/export} gives everything held
 * about them, files included; {@code DELETE /me} with the password erases what identifies
 * them and keeps their hours in the ledger, and the account cannot sign in again.
 */
@ApiTest
class PersonalDataRightsApiTests {

	static final byte[] PDF = "%PDF-1.4\n% 证明材料 marker-7f3a\n".getBytes(StandardCharsets.UTF_8);

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theExportHoldsEverythingAboutMeAndTheZipTheFiles() throws IOException {
		Story story = aVolunteerWithAHistory();
		Api.Response export = this.api.get("/me/export", story.volunteer().token());
		assertThat(export.status()).isEqualTo(200);
		JsonNode data = export.body();
		assertThat(data.path("format").asString()).isEqualTo("yixing-personal-data/1");
		assertThat(data.propertyNames()).startsWith("format", "exportedAt", "account");
		assertThat(data.path("account").path("idNumber").asString()).isEqualTo(story.volunteer().idNumber());
		assertThat(data.path("account").path("phone").asString()).isEqualTo(story.volunteer().phone());
		assertThat(data.path("account").path("securityQuestion").asString()).isEqualTo("小学班主任？");
		assertThat(data.path("account").path("idPhotoRecoveries")).hasSize(1);
		assertThat(data.path("organizations").path("memberships").get(0).path("organization").asString())
			.startsWith("隐私协会");
		JsonNode session = data.path("attendance").path("sessions").get(0);
		assertThat(session.path("credit_minutes").asInt()).isEqualTo(60);
		assertThat(session.path("check_in_lat").asDouble()).isEqualTo(Attendance.LAT);
		assertThat(data.path("attendance").path("waitlist")).singleElement()
			.satisfies((w) -> assertThat(w.path("activity").asString()).isEqualTo("满员活动"));
		assertThat(data.path("hours").path("ledger")).isNotEmpty();
		assertThat(data.path("hours").path("makeupRequests")).hasSize(1);
		assertThat(data.path("hours").path("evidenceFiles").get(0).path("file_name").asString()).isEqualTo("proof.pdf");
		assertThat(export.text()).doesNotContain("password", "answer_hash", "token_hash");

		Api.Response zip = this.api.get("/me/export?files=true", story.volunteer().token());
		assertThat(zip.status()).isEqualTo(200);
		assertThat(zip.contentType()).startsWith("application/zip");
		assertThat(zip.header("Content-Disposition")).startsWith("attachment");
		Map<String, byte[]> entries = unzip(zip.bytes());
		assertThat(entries).containsKey("personal-data.json");
		assertThat(entries.keySet()).anyMatch((name) -> name.startsWith("evidence/") && name.endsWith("proof.pdf"));
		assertThat(entries.keySet()).anyMatch((name) -> name.startsWith("id-photos/") && name.endsWith(".jpg"));
		assertThat(entries.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith("evidence/"))
			.findFirst()
			.orElseThrow()
			.getValue()).isEqualTo(PDF);
	}

	@Test
	void erasureNeedsThePasswordAndIsWholeOrNothing() {
		Story story = aVolunteerWithAHistory();
		Api.Response wrong = this.api.send("DELETE", "/me", Map.of("password", "NotMine2026"),
				story.volunteer().token(), Map.of());
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("BAD_CREDENTIALS");
		assertThat(this.api.get("/me", story.volunteer().token()).field("idNumber"))
			.isEqualTo(story.volunteer().idNumber());
		assertThat(this.api.send("DELETE", "/me", Map.of(), story.volunteer().token(), Map.of()).code())
			.isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void erasureRemovesWhatIdentifiesMeKeepsMyHoursAndEndsTheAccount() {
		Story story = aVolunteerWithAHistory();
		UUID id = UUID.fromString(story.volunteer().id());
		int ledgerBefore = count("SELECT count(*) FROM hours_entries WHERE account_id = ?", id);
		assertThat(ledgerBefore).isPositive();

		Api.Response erased = this.api.send("DELETE", "/me", Map.of("password", Volunteers.PASSWORD),
				story.volunteer().token(), Map.of());
		assertThat(erased.status()).as(erased.toString()).isEqualTo(204);

		// Signed out everywhere, and no way back in.
		assertThat(this.api.get("/me", story.volunteer().token()).status()).isEqualTo(401);
		for (String account : new String[] { story.volunteer().idNumber(), story.volunteer().phone() }) {
			assertThat(
					this.api.post("/auth/token", Map.of("account", account, "password", Volunteers.PASSWORD)).status())
				.isEqualTo(401);
		}
		// Pseudonymised, with nothing left to find the person by.
		Map<String, Object> row = this.jdbc.sql("""
				SELECT real_name, id_number_sealed, phone_hash, phone_sealed, phone_masked, security_question,
				  erased_at FROM accounts WHERE id = ?""").param(id).query().singleRow();
		assertThat((String) row.get("real_name")).startsWith("已注销用户");
		assertThat(row.get("id_number_sealed")).isNull();
		assertThat(row.get("phone_hash")).isNull();
		assertThat(row.get("phone_sealed")).isNull();
		assertThat(row.get("security_question")).isNull();
		assertThat(row.get("erased_at")).isNotNull();
		assertThat(count("SELECT count(*) FROM id_photo_reviews WHERE account_id = ? AND photo_sealed IS NOT NULL", id))
			.isZero();
		assertThat(count("SELECT count(*) FROM evidence_files WHERE uploaded_by = ? AND content IS NOT NULL", id))
			.isZero();
		assertThat(count("SELECT count(*) FROM memberships WHERE account_id = ?", id)).isZero();
		assertThat(count("SELECT count(*) FROM device_bindings WHERE account_id = ?", id)).isZero();
		assertThat(count("SELECT count(*) FROM activity_waitlist WHERE account_id = ?", id)).isZero();
		// The ledger keeps its hours: the organizations' records stay true.
		assertThat(count("SELECT count(*) FROM hours_entries WHERE account_id = ?", id)).isEqualTo(ledgerBefore);
		assertThat(this.api.get("/organizations/" + story.organization() + "/members", story.staff()).text())
			.doesNotContain(story.volunteer().idNumber().substring(0, 6) + "********");

		// The same person may register again, as a new account.
		Volunteers.Registered again = new Volunteers(this.api).register(story.volunteer().idNumber(),
				story.volunteer().phone());
		assertThat(again.id()).isNotEqualTo(story.volunteer().id());
	}

	@Test
	void staffCannotEraseThemselves() {
		String staff = new Organizations(this.api).staffToken();
		Api.Response refused = this.api.send("DELETE", "/me", Map.of("password", org.yixing.test.Staff.PASSWORD), staff,
				Map.of());
		assertThat(refused.status()).isEqualTo(403);
	}

	private Story aVolunteerWithAHistory() {
		Attendance attendance = new Attendance(this.api);
		Organizations organizations = new Organizations(this.api);
		Volunteers volunteers = new Volunteers(this.api);
		attendance.fixClock("2026-11-25T10:00:00+08:00");
		String staff = organizations.staffToken();
		String organization = organizations.createTopLevel("隐私协会" + System.nanoTime() % 100_000);
		Volunteers.Registered volunteer = volunteers.register();
		organizations.addMember(organization, volunteer.idNumber());
		this.api.put("/me/security-question",
				Map.of("question", "小学班主任？", "answer", "王老师", "currentPassword", Volunteers.PASSWORD),
				volunteer.token());
		String code = attendance
			.publish(organization, staff, "2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00", Map.of())
			.field("checkInCode");
		String device = Attendance.newDevice();
		String session = attendance.checkIn(volunteer.token(), device, code).field("sessionId");
		attendance.fixClock("2026-11-25T11:00:00+08:00");
		assertThat(attendance.checkOut(volunteer.token(), device, session).status()).isEqualTo(200);
		await().until(() -> this.api.get("/me/hours", volunteer.token()).body().path("creditMinutes").asInt() == 60);
		String file = this.api
			.multipart("/evidence", Map.of(), "file", "proof.pdf", PDF, "application/pdf", volunteer.token())
			.field("id");
		Map<String, Object> makeup = new HashMap<>(Map.of("organizationId", organization, "minutes", 30, "reason",
				"NO_SIGNAL", "description", "地下室没有信号", "evidenceFileId", file));
		assertThat(this.api.post("/me/makeup-requests", makeup, volunteer.token()).status()).isEqualTo(201);
		// 候补: waiting for the place of a full activity.
		String full = attendance
			.publish(organization, staff, "2026-11-26T09:00:00+08:00", "2026-11-26T11:00:00+08:00",
					Map.of("title", "满员活动", "capacity", 1))
			.field("id");
		Volunteers.Registered first = volunteers.register();
		organizations.addMember(organization, first.idNumber());
		assertThat(this.api.post("/activities/" + full + "/sign-up", null, first.token()).status()).isEqualTo(201);
		assertThat(this.api.post("/activities/" + full + "/waitlist", null, volunteer.token())
			.body()
			.path("waitlistPosition")
			.asInt()).isEqualTo(1);
		String newPhone = org.yixing.test.IdNumbers.randomPhone();
		assertThat(this.api
			.multipart("/password-resets/id-photo",
					Map.of("idNumber", volunteer.idNumber(), "realName", "测试志愿者", "newPhone", newPhone), "photo",
					"a.jpg", Volunteers.ID_PHOTO, "image/jpeg", null)
			.status()).isEqualTo(202);
		return new Story(volunteer, organization, staff);
	}

	private int count(String sql, UUID id) {
		return this.jdbc.sql(sql).param(id).query(Integer.class).single();
	}

	private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
		Map<String, byte[]> entries = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

	record Story(Volunteers.Registered volunteer, String organization, String staff) {
	}

}
