package org.yixing.security;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Volunteer A holds the ids of volunteer B's session, evidence and requests: reading or
 * changing them by id answers 404, as for an id that does not exist (a 403 would confirm
 * that it does), and A's own lists never show B's records.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdorTests {

	@Autowired
	Api api;

	Attendance attendance;

	Volunteers.Registered a;

	Volunteers.Registered b;

	String bOpenSession;

	String bCompletedSession;

	String bEvidence;

	String bDevice;

	@BeforeAll
	void bHasARecord() {
		this.attendance = new Attendance(this.api);
		Volunteers volunteers = new Volunteers(this.api);
		Organizations organizations = new Organizations(this.api);
		this.attendance.fixClock("2026-11-25T10:00:00+08:00");
		String staff = organizations.staffToken();
		String organization = organizations.createTopLevel("越权协会" + System.nanoTime() % 100_000);
		this.a = volunteers.register();
		this.b = volunteers.register();
		organizations.addMember(organization, this.a.idNumber());
		organizations.addMember(organization, this.b.idNumber());
		String first = this.attendance
			.publish(organization, staff, "2026-11-25T10:00:00+08:00", "2026-11-25T11:00:00+08:00", Map.of())
			.field("checkInCode");
		this.bDevice = Attendance.newDevice();
		this.bCompletedSession = this.attendance.checkIn(this.b.token(), this.bDevice, first).field("sessionId");
		this.attendance.fixClock("2026-11-25T10:40:00+08:00");
		assertThat(this.attendance.checkOut(this.b.token(), this.bDevice, this.bCompletedSession).status())
			.isEqualTo(200);
		String second = this.attendance
			.publish(organization, staff, "2026-11-25T10:30:00+08:00", "2026-11-25T12:00:00+08:00", Map.of())
			.field("checkInCode");
		this.bOpenSession = this.attendance.checkIn(this.b.token(), this.bDevice, second).field("sessionId");
		this.bEvidence = this.api
			.multipart("/evidence", Map.of(), "file", "b.pdf", "%PDF-1.4\n% B's\n".getBytes(StandardCharsets.US_ASCII),
					"application/pdf", this.b.token())
			.field("id");
		assertThat(this.api
			.post("/me/makeup-requests", Map.of("organizationId", organization, "minutes", 30, "reason", "NO_SIGNAL",
					"description", "B 的补录", "evidenceFileId", this.bEvidence), this.b.token())
			.status()).isEqualTo(201);
		await().until(() -> this.api.get("/me/hours", this.b.token()).body().path("creditMinutes").asInt() == 40);
	}

	@Test
	void checkingOutSomeoneElsesSessionIsNotFound() {
		Api.Response response = this.attendance.checkOut(this.a.token(), this.bDevice, this.bOpenSession);
		assertThat(response.status()).as(response.toString()).isEqualTo(404);
		assertThat(response.code()).isEqualTo("NOT_FOUND");
		// B's session is untouched.
		assertThat(this.api.get("/me/sessions", this.b.token()).text()).contains(this.bOpenSession);
	}

	@Test
	void ratingSomeoneElsesSessionIsNotFound() {
		Api.Response response = this.api.post("/check-ins/" + this.bCompletedSession + "/rating",
				Map.of("stars", 1, "comment", "差评"), this.a.token());
		assertThat(response.status()).as(response.toString()).isEqualTo(404);
	}

	@Test
	void readingSomeoneElsesEvidenceIsNotFound() {
		Api.Response response = this.api.get("/evidence/" + this.bEvidence, this.a.token());
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.code()).isEqualTo("NOT_FOUND");
	}

	@Test
	void attachingSomeoneElsesEvidenceIsRefused() {
		Api.Response response = this.api.post("/me/makeup-requests",
				Map.of("organizationId", java.util.UUID.randomUUID().toString(), "minutes", 30, "reason", "NO_SIGNAL",
						"description", "借用", "evidenceFileId", this.bEvidence),
				this.a.token());
		// Someone else's file is refused as one that does not exist, before anything
		// else.
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(response.body().path("errors").has("evidenceFileId")).isTrue();
	}

	@Test
	void myListsNeverShowSomeoneElsesRecords() {
		for (String mine : new String[] { "/me/sessions", "/me/hours", "/me/hours/entries", "/me/policies",
				"/me/makeup-requests", "/me/activities", "/me/notices", "/me/export" }) {
			String text = this.api.get(mine, this.a.token()).text();
			assertThat(text).as(mine)
				.doesNotContain(this.bOpenSession, this.bCompletedSession, this.bEvidence, this.b.idNumber(), "B 的补录");
		}
		assertThat(this.api.get("/me/hours", this.a.token()).body().path("creditMinutes").asInt()).isZero();
	}

}
