package org.yixing.hours;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationId;
import org.yixing.organization.OrganizationPolicy;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.FileTypes;
import org.yixing.shared.Secrets;

/**
 * Evidence files (RULES §8): JPEG, PNG or PDF up to 5 MB, recognised by their first
 * bytes, sealed at rest with the PII key like every other personal datum. Readable by the
 * uploader, platform staff, and admins of an organization whose ledger entry or makeup
 * request refers to the file; anyone else is told it does not exist.
 */
@Service
class EvidenceFiles {

	static final int MAX_BYTES = 5 * 1024 * 1024;

	private final JdbcClient jdbc;

	private final OrganizationPolicy policy;

	static final String PURPOSE = "hours.evidence";

	private final Secrets secrets;

	private final Clock clock;

	EvidenceFiles(JdbcClient jdbc, OrganizationPolicy policy, Secrets secrets, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.policy = policy;
		this.clock = clock;
	}

	Stored store(AuthenticatedAccount caller, String fileName, byte[] content) {
		String type = contentType(content);
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO evidence_files (id, uploaded_by, file_name, content_type, size_bytes, content, uploaded_at,
				  sealed, pii_key_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?)""")
			.params(id, caller.id().value(), fileName, type, content.length, this.secrets.seal(PURPOSE, content),
					Timestamp.from(this.clock.instant()), this.secrets.keyId())
			.update();
		return new Stored(id, fileName, type, content.length);
	}

	/**
	 * The caller may attach only files they uploaded themselves, and not one already
	 * deleted. Called in the transaction that attaches the file: the row stays
	 * share-locked until it commits, so {@link EvidenceRetention} either waits for the
	 * attachment and then sees it, or deletes first and this check, having waited,
	 * refuses the file.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void requireOwn(AuthenticatedAccount caller, UUID fileId) {
		boolean own = this.jdbc
			.sql("SELECT 1 FROM evidence_files WHERE id = ? AND uploaded_by = ? AND content IS NOT NULL FOR SHARE")
			.params(fileId, caller.id().value())
			.query(Integer.class)
			.optional()
			.isPresent();
		if (!own) {
			throw DomainException.invalidField("evidenceFileId", "evidence.unknown");
		}
	}

	File read(AuthenticatedAccount caller, UUID id) {
		File file = this.jdbc.sql("""
				SELECT uploaded_by, file_name, content_type, content, sealed FROM evidence_files
				WHERE id = ? AND content IS NOT NULL""")
			.param(id)
			.query((rs, n) -> new File(rs.getObject("uploaded_by", UUID.class), rs.getString("file_name"),
					rs.getString("content_type"),
					rs.getBoolean("sealed") ? this.secrets.open(PURPOSE, rs.getBytes("content"))
							: rs.getBytes("content")))
			.optional()
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		// Outside the reader's scope a file does not exist: ids are not to be probed.
		if (!file.uploadedBy().equals(caller.id().value()) && !caller.staff() && organizationsReferring(id).stream()
			.noneMatch((organization) -> this.policy.canAdminister(caller, new OrganizationId(organization)))) {
			throw new DomainException(ErrorCode.NOT_FOUND);
		}
		return file;
	}

	private List<UUID> organizationsReferring(UUID fileId) {
		return this.jdbc.sql("""
				SELECT organization_id FROM hours_entries WHERE evidence_file_id = ?
				UNION SELECT organization_id FROM makeup_requests WHERE evidence_file_id = ?""")
			.params(fileId, fileId)
			.query(UUID.class)
			.list();
	}

	private static String contentType(byte[] content) {
		if (content.length > MAX_BYTES) {
			throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE);
		}
		return FileTypes.sniff(content).orElseThrow(() -> new DomainException(ErrorCode.INVALID_FILE));
	}

	record Stored(UUID id, String fileName, String contentType, int sizeBytes) {
	}

	record File(UUID uploadedBy, String fileName, String contentType, byte[] content) {
	}

}
