package org.yixing.face;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.SealedColumn;
import org.yixing.shared.SealedData;
import org.yixing.shared.Secrets;

/** Face templates after a PII key rotation: each batch opens and seals them again. */
@Component
class FaceSealedData implements SealedData {

	private final SealedColumn templates;

	FaceSealedData(JdbcClient jdbc, Secrets secrets, TransactionTemplate transactions) {
		this.templates = new SealedColumn(jdbc, secrets, transactions, "face_templates", "account_id", "template",
				FaceRecognition.PURPOSE);
	}

	@Override
	public String name() {
		return "face-templates";
	}

	@Override
	public long remaining() {
		return this.templates.remaining();
	}

	@Override
	public int reencrypt(int limit) {
		return this.templates.reencrypt(limit);
	}

}
