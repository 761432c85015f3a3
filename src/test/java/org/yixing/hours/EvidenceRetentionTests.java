package org.yixing.hours;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention (docs/PRIVACY.md): evidence of a rejected makeup request is deleted 180 days
 * after the rejection, on the application clock; evidence of a pending request stays.
 */
@ApiTest
class EvidenceRetentionTests {

	static final byte[] PDF = "%PDF-1.4\n% retention\n".getBytes(StandardCharsets.US_ASCII);

	@Autowired
	Api api;

	@Autowired
	EvidenceRetention retention;

	@Test
	void rejectedEvidenceIsDeleted180DaysAfterTheRejection() {
		Attendance clock = new Attendance(this.api);
		clock.fixClock("2026-01-01T09:00:00+08:00");
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String organization = organizations.createTopLevel("留存协会" + System.nanoTime() % 100_000);
		Volunteers volunteers = new Volunteers(this.api);
		Volunteers.Registered volunteer = volunteers.register();
		organizations.addMember(organization, volunteer.idNumber());
		String rejectedFile = upload(volunteer);
		String pendingFile = upload(volunteer);
		String rejected = ask(volunteer, organization, rejectedFile);
		ask(volunteer, organization, pendingFile);
		assertThat(this.api.post("/makeup-requests/" + rejected + "/reject", Map.of("reason", "材料不足"), staff).status())
			.isEqualTo(200);

		clock.fixClock("2026-06-29T09:00:00+08:00");
		assertThat(this.retention.deleteRejectedEvidence()).isZero();
		String token = volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
		assertThat(this.api.get("/evidence/" + rejectedFile, token).bytes()).isEqualTo(PDF);

		clock.fixClock("2026-06-30T09:00:01+08:00");
		assertThat(this.retention.deleteRejectedEvidence()).isEqualTo(1);
		token = volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
		assertThat(this.api.get("/evidence/" + rejectedFile, token).status()).isEqualTo(404);
		assertThat(this.api.get("/evidence/" + pendingFile, token).bytes()).isEqualTo(PDF);
		Api.Response reused = this.api.post("/me/makeup-requests", Map.of("organizationId", organization, "minutes", 30,
				"reason", "BEFORE_PLATFORM", "description", "去年的服务", "evidenceFileId", rejectedFile), token);
		assertThat(reused.code()).as("a deleted file cannot back a new request").isEqualTo("VALIDATION_FAILED");
	}

	private String upload(Volunteers.Registered volunteer) {
		Api.Response stored = this.api.multipart("/evidence", Map.of(), "file", "proof.pdf", PDF, "application/pdf",
				volunteer.token());
		assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
		return stored.field("id");
	}

	private String ask(Volunteers.Registered volunteer, String organization, String file) {
		Api.Response asked = this.api.post("/me/makeup-requests", Map.of("organizationId", organization, "minutes", 30,
				"reason", "BEFORE_PLATFORM", "description", "去年的服务", "evidenceFileId", file), volunteer.token());
		assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
		return asked.field("id");
	}

}
