package org.yixing.hours;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationId;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.LockWaits;
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

	@Autowired
	MakeupRequests makeups;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

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
		assertThat(this.retention.forget()).isZero();
		String token = volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
		assertThat(this.api.get("/evidence/" + rejectedFile, token).bytes()).isEqualTo(PDF);

		clock.fixClock("2026-06-30T09:00:01+08:00");
		assertThat(this.retention.forget()).isEqualTo(1);
		token = volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
		assertThat(this.api.get("/evidence/" + rejectedFile, token).status()).isEqualTo(404);
		assertThat(this.api.get("/evidence/" + pendingFile, token).bytes()).isEqualTo(PDF);
		Api.Response reused = this.api.post("/me/makeup-requests", Map.of("organizationId", organization, "minutes", 30,
				"reason", "BEFORE_PLATFORM", "description", "去年的服务", "evidenceFileId", rejectedFile), token);
		assertThat(reused.code()).as("a deleted file cannot back a new request").isEqualTo("VALIDATION_FAILED");
	}

	/**
	 * A request attaching the file commits while the job runs: the job waits for it and
	 * keeps the file.
	 */
	@Test
	void aRequestThatAttachesTheFileFirstKeepsIt() throws Exception {
		Rejected old = rejectedHalfAYearAgo();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			LockWaits.Open request = LockWaits.holdOpen(this.transactions, threads,
					() -> this.makeups.submit(
							new AuthenticatedAccount(new AccountId(UUID.fromString(old.volunteer().id())), false,
									false),
							new OrganizationId(UUID.fromString(old.organization())), HonorHours.Makeup.of(30,
									"BEFORE_PLATFORM", "同一份材料", null, null, null, UUID.fromString(old.file()), null)));
			CompletableFuture<Integer> job = CompletableFuture.supplyAsync(this.retention::forget, threads);
			LockWaits.awaitBlocked(this.jdbc, job, "%");
			request.commit();
			assertThat(job.get(10, TimeUnit.SECONDS)).isZero();
		}
		assertThat(this.api.get("/evidence/" + old.file(), old.volunteer().token()).bytes()).isEqualTo(PDF);
	}

	/**
	 * The job deletes the file while a request to attach it is under way: the request
	 * waits for the job, then refuses the file.
	 */
	@Test
	void aRequestThatWaitedForTheJobIsRefusedTheDeletedFile() throws Exception {
		Rejected old = rejectedHalfAYearAgo();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			LockWaits.Open job = LockWaits.holdOpen(this.transactions, threads,
					() -> assertThat(this.retention.forget()).isEqualTo(1));
			CompletableFuture<Api.Response> request = CompletableFuture.supplyAsync(
					() -> this.api.post("/me/makeup-requests",
							Map.of("organizationId", old.organization(), "minutes", 30, "reason", "BEFORE_PLATFORM",
									"description", "同一份材料", "evidenceFileId", old.file()),
							old.volunteer().token()),
					threads);
			LockWaits.awaitBlocked(this.jdbc, request, "%");
			job.commit();
			Api.Response refused = request.get(10, TimeUnit.SECONDS);
			assertThat(refused.code()).as(refused.toString()).isEqualTo("VALIDATION_FAILED");
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM makeup_requests WHERE evidence_file_id = ?")
			.param(UUID.fromString(old.file()))
			.query(Integer.class)
			.single()).as("only the rejected request refers to the deleted file").isEqualTo(1);
	}

	record Rejected(Volunteers.Registered volunteer, String organization, String file) {
	}

	/** A file whose only request was rejected 180 days and a second ago. */
	private Rejected rejectedHalfAYearAgo() {
		Attendance clock = new Attendance(this.api);
		clock.fixClock("2026-01-01T09:00:00+08:00");
		Organizations organizations = new Organizations(this.api);
		String organization = organizations.createTopLevel("留存协会" + System.nanoTime() % 100_000);
		Volunteers volunteers = new Volunteers(this.api);
		Volunteers.Registered volunteer = volunteers.register();
		organizations.addMember(organization, volunteer.idNumber());
		String file = upload(volunteer);
		String rejected = ask(volunteer, organization, file);
		assertThat(this.api
			.post("/makeup-requests/" + rejected + "/reject", Map.of("reason", "材料不足"), organizations.staffToken())
			.status()).isEqualTo(200);
		clock.fixClock("2026-06-30T09:00:01+08:00");
		String token = volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
		return new Rejected(new Volunteers.Registered(volunteer.id(), volunteer.idNumber(), volunteer.phone(), token),
				organization, file);
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
