package org.yixing.face;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.SealedColumn;
import org.yixing.shared.Secrets;

/** Face templates after a PII key rotation: each batch opens and seals them again. */
@Component
class FaceSealedData extends SealedColumn {

	FaceSealedData(JdbcClient jdbc, Secrets secrets, TransactionTemplate transactions) {
		super("face-templates", jdbc, secrets, transactions, "face_templates", "account_id", "template",
				FaceRecognition.PURPOSE);
	}

}
