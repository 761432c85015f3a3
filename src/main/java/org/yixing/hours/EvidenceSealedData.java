package org.yixing.hours;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.SealedData;
import org.yixing.shared.Secrets;

/**
 * Evidence files after a PII key rotation, and files stored before they were sealed at
 * all: each batch opens (or reads) the content and seals it under the current key.
 */
@Component
class EvidenceSealedData implements SealedData {

	private final JdbcClient jdbc;

	private final Secrets secrets;

	private final TransactionTemplate transactions;

	EvidenceSealedData(JdbcClient jdbc, Secrets secrets, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.transactions = transactions;
	}

	@Override
	public String name() {
		return "evidence-files";
	}

	@Override
	public long remaining() {
		return this.jdbc
			.sql("SELECT count(*) FROM evidence_files WHERE content IS NOT NULL AND pii_key_id IS DISTINCT FROM ?")
			.param(this.secrets.keyId())
			.query(Long.class)
			.single();
	}

	@Override
	public int reencrypt(int limit) {
		Integer done = this.transactions.execute((status) -> {
			List<Row> rows = this.jdbc.sql("""
					SELECT id, content, sealed FROM evidence_files
					WHERE content IS NOT NULL AND pii_key_id IS DISTINCT FROM ?
					ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")
				.params(this.secrets.keyId(), limit)
				.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getBytes("content"),
						rs.getBoolean("sealed")))
				.list();
			for (Row row : rows) {
				byte[] plain = row.sealed() ? this.secrets.open(EvidenceFiles.PURPOSE, row.content()) : row.content();
				this.jdbc.sql("UPDATE evidence_files SET content = ?, sealed = TRUE, pii_key_id = ? WHERE id = ?")
					.params(this.secrets.seal(EvidenceFiles.PURPOSE, plain), this.secrets.keyId(), row.id())
					.update();
			}
			return rows.size();
		});
		return (done != null) ? done : 0;
	}

	private record Row(UUID id, byte[] content, boolean sealed) {
	}

}
