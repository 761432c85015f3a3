package org.yixing.notice;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yixing.shared.PersonalData;

/** A volunteer's notices: exported, and deleted with the account. */
@Component
class NoticesPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	NoticesPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "notices";
	}

	@Override
	public Object export(UUID account) {
		return PersonalData.rows(this.jdbc.sql(
				"SELECT kind, subject, detail, created_at, read_at FROM notices WHERE account_id = ? ORDER BY created_at")
			.param(account)
			.query()
			.listOfRows());
	}

	@Override
	public void erase(UUID account, Instant now) {
		this.jdbc.sql("DELETE FROM notices WHERE account_id = ?").param(account).update();
	}

}
