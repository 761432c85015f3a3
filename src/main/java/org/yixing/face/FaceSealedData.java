package org.yixing.face;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.SealedData;
import org.yixing.shared.Secrets;

/** Face templates after a PII key rotation: each batch opens and seals them again. */
@Component
class FaceSealedData implements SealedData {

	private final JdbcClient jdbc;

	private final Secrets secrets;

	private final TransactionTemplate transactions;

	FaceSealedData(JdbcClient jdbc, Secrets secrets, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.transactions = transactions;
	}

	@Override
	public String name() {
		return "face-templates";
	}

	@Override
	public long remaining() {
		return this.jdbc.sql("SELECT count(*) FROM face_templates WHERE pii_key_id IS DISTINCT FROM ?")
			.param(this.secrets.keyId())
			.query(Long.class)
			.single();
	}

	@Override
	public int reencrypt(int limit) {
		Integer done = this.transactions.execute((status) -> {
			List<Row> rows = this.jdbc.sql("""
					SELECT account_id, template FROM face_templates WHERE pii_key_id IS DISTINCT FROM ?
					ORDER BY account_id LIMIT ? FOR UPDATE SKIP LOCKED""")
				.params(this.secrets.keyId(), limit)
				.query((rs, n) -> new Row(rs.getObject("account_id", UUID.class), rs.getBytes("template")))
				.list();
			for (Row row : rows) {
				byte[] plain = this.secrets.open(FaceRecognition.PURPOSE, row.template());
				this.jdbc.sql("UPDATE face_templates SET template = ?, pii_key_id = ? WHERE account_id = ?")
					.params(this.secrets.seal(FaceRecognition.PURPOSE, plain), this.secrets.keyId(), row.account())
					.update();
			}
			return rows.size();
		});
		return (done != null) ? done : 0;
	}

	private record Row(UUID account, byte[] template) {
	}

}
