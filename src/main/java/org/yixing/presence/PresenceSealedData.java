package org.yixing.presence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.SealedColumn;
import org.yixing.shared.SealedData;
import org.yixing.shared.Secrets;

/** Personal-code keys after a PII key rotation: each batch opens and seals them again. */
@Component
class PresenceSealedData implements SealedData {

	private final SealedColumn keys;

	PresenceSealedData(JdbcClient jdbc, Secrets secrets, TransactionTemplate transactions) {
		this.keys = new SealedColumn(jdbc, secrets, transactions, "presence_keys", "id", "secret",
				PresenceKeys.PURPOSE);
	}

	@Override
	public String name() {
		return "presence-keys";
	}

	@Override
	public long remaining() {
		return this.keys.remaining();
	}

	@Override
	public int reencrypt(int limit) {
		return this.keys.reencrypt(limit);
	}

}
