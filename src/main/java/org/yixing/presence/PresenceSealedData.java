package org.yixing.presence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.SealedColumn;
import org.yixing.shared.Secrets;

/** Personal-code keys after a PII key rotation: each batch opens and seals them again. */
@Component
class PresenceSealedData extends SealedColumn {

	PresenceSealedData(JdbcClient jdbc, Secrets secrets, TransactionTemplate transactions) {
		super("presence-keys", jdbc, secrets, transactions, "presence_keys", "id", "secret", PresenceKeys.PURPOSE);
	}

}
