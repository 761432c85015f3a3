package org.yixing.campus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.SealedColumn;
import org.yixing.shared.Secrets;

/** Client secrets after a PII key rotation: each batch opens and seals them again. */
@Component
class CampusSealedData extends SealedColumn {

	CampusSealedData(JdbcClient jdbc, Secrets secrets, TransactionTemplate transactions) {
		super("campus-client-secrets", jdbc, secrets, transactions, "campus_connections", "organization_id",
				"client_secret", CampusConnections.SECRET_PURPOSE);
	}

}
