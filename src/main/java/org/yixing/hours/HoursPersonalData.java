package org.yixing.hours;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yixing.shared.PersonalData;
import org.yixing.shared.Secrets;

/**
 * The hours ledger, makeup requests and evidence files. On erasure the ledger and the
 * requests stay (append-only, and the organizations' records must stay true); evidence
 * files go, except those behind a ledger entry, which are the record of those hours.
 */
@Component
class HoursPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	private final Secrets secrets;

	HoursPersonalData(JdbcClient jdbc, Secrets secrets) {
		this.jdbc = jdbc;
		this.secrets = secrets;
	}

	@Override
	public String section() {
		return "hours";
	}

	@Override
	public Object export(UUID account) {
		return Map.of("ledger", PersonalData.rows(this.jdbc.sql("""
				SELECT kind, source, minutes, organization_name, activity_title, service_date, place, content,
				  reason, description, evidence, recorded_at
				FROM hours_entries WHERE account_id = ? ORDER BY recorded_at""").param(account).query().listOfRows()),
				"makeupRequests",
				PersonalData.rows(this.jdbc.sql("""
						SELECT minutes, reason, description, evidence, status, decision_reason, created_at, decided_at
						FROM makeup_requests WHERE account_id = ? ORDER BY created_at""")
					.param(account)
					.query()
					.listOfRows()),
				"evidenceFiles",
				PersonalData.rows(this.jdbc.sql("""
						SELECT id, file_name, content_type, size_bytes, uploaded_at, erased_at
						FROM evidence_files WHERE uploaded_by = ? ORDER BY uploaded_at""")
					.param(account)
					.query()
					.listOfRows()));
	}

	@Override
	public List<PersonalFile> files(UUID account) {
		List<PersonalFile> files = new ArrayList<>();
		this.jdbc.sql("""
				SELECT id, file_name, content_type, content, sealed FROM evidence_files
				WHERE uploaded_by = ? AND content IS NOT NULL ORDER BY uploaded_at""").param(account).query((rs, n) -> {
			byte[] content = rs.getBytes("content");
			files.add(new PersonalFile(
					"evidence/" + rs.getObject("id", UUID.class) + "-" + safe(rs.getString("file_name")),
					rs.getString("content_type"),
					rs.getBoolean("sealed") ? this.secrets.open(EvidenceFiles.PURPOSE, content) : content));
			return null;
		}).list();
		return files;
	}

	@Override
	public void erase(UUID account, Instant now) {
		this.jdbc.sql("""
				UPDATE evidence_files SET content = NULL, erased_at = ?
				WHERE uploaded_by = ? AND content IS NOT NULL
				  AND id NOT IN (SELECT evidence_file_id FROM hours_entries WHERE evidence_file_id IS NOT NULL)""")
			.params(java.sql.Timestamp.from(now), account)
			.update();
	}

	private static String safe(String name) {
		String cleaned = name.replaceAll("[^\\p{L}\\p{N}._-]", "_");
		return cleaned.isEmpty() ? "file" : cleaned;
	}

}
