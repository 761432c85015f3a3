package org.yixing.presence;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yixing.shared.PersonalData;

/**
 * The volunteer's personal-code keys in the export: when each was issued and revoked,
 * never the secret. Deleted with the account, with the record of spent values.
 */
@Component
class PresencePersonalData implements PersonalData {

	private final JdbcClient jdbc;

	PresencePersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "presenceKeys";
	}

	@Override
	public Object export(UUID account) {
		return PersonalData.rows(this.jdbc.sql("""
				SELECT issued_at, revoked_at, 'sealed, not exported' AS secret
				FROM presence_keys WHERE account_id = ? ORDER BY issued_at""").param(account).query().listOfRows());
	}

	@Override
	public void erase(UUID account, Instant now) {
		this.jdbc.sql("DELETE FROM presence_keys WHERE account_id = ?").param(account).update();
	}

}
