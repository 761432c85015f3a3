package org.yixing.hours;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.Secrets;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence files are personal data: sealed at rest with the PII key, served as downloads
 * that no browser sniffs, and moved to a new key (or sealed at last, for files stored
 * before sealing) by the re-encryption job.
 */
@ApiTest
class EvidenceAtRestTests {

	static final byte[] PDF = "%PDF-1.4\n% 学生证 marker-evidence-91c2\n".getBytes(StandardCharsets.UTF_8);

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Value("${yixing.pii-key}")
	String key;

	@Test
	void anUploadedFileIsSealedInTheDatabaseAndServedAsAnAttachment() {
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		String id = this.api
			.multipart("/evidence", Map.of(), "file", "proof.pdf", PDF, "application/pdf", volunteer.token())
			.field("id");
		byte[] stored = this.jdbc.sql("SELECT content FROM evidence_files WHERE id = ?")
			.param(UUID.fromString(id))
			.query(byte[].class)
			.single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("marker-evidence", "%PDF");
		Api.Response served = this.api.get("/evidence/" + id, volunteer.token());
		assertThat(served.bytes()).isEqualTo(PDF);
		assertThat(served.header("Content-Disposition")).startsWith("attachment");
		assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(served.header("Cache-Control")).contains("no-store");
	}

	@Test
	void reEncryptionSealsOldPlainFilesAndMovesSealedOnesToTheNewKey() {
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		String sealedId = this.api
			.multipart("/evidence", Map.of(), "file", "proof.pdf", PDF, "application/pdf", volunteer.token())
			.field("id");
		UUID legacy = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO evidence_files (id, uploaded_by, file_name, content_type, size_bytes, content, uploaded_at)
				VALUES (?, ?, 'old.pdf', 'application/pdf', ?, ?, ?)""")
			.params(legacy, UUID.fromString(volunteer.id()), PDF.length, PDF, Timestamp.from(Instant.now()))
			.update();
		assertThat(this.api.get("/evidence/" + legacy, volunteer.token()).bytes()).isEqualTo(PDF);

		byte[] newKey = "another-32-byte-key-for-evidence".getBytes(StandardCharsets.US_ASCII);
		Secrets rotating = new Secrets(newKey, Base64.getDecoder().decode(this.key));
		EvidenceSealedData data = new EvidenceSealedData(this.jdbc, rotating, this.transactions);
		long before = data.remaining();
		assertThat(before).isGreaterThanOrEqualTo(2);
		assertThat(data.reencrypt(1)).isEqualTo(1);
		assertThat(data.remaining()).isEqualTo(before - 1);
		while (data.reencrypt(10) > 0) {
			// resumes where the last batch stopped
		}
		assertThat(data.remaining()).isZero();

		Secrets newOnly = new Secrets(newKey);
		for (String id : new String[] { sealedId, legacy.toString() }) {
			byte[] stored = this.jdbc.sql("SELECT content FROM evidence_files WHERE id = ?")
				.param(UUID.fromString(id))
				.query(byte[].class)
				.single();
			assertThat(newOnly.open(EvidenceFiles.PURPOSE, stored)).isEqualTo(PDF);
		}
	}

}
