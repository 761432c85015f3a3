package org.yixing.reporting;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yixing.shared.PersonalData;

/**
 * The certificates issued to a volunteer. On erasure they stay verifiable (others may
 * hold them on paper) but no longer name even the masked holder.
 */
@Component
class ReportingPersonalData implements PersonalData {

	static final String ERASED_HOLDER = "（已注销）";

	private final JdbcClient jdbc;

	ReportingPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "certificates";
	}

	@Override
	public Object export(UUID account) {
		return Map.of("certificates", PersonalData.rows(this.jdbc.sql("""
				SELECT number, issuer_name, holder_name_masked, credit_minutes, honor_minutes, entry_count, issued_at
				FROM certificates WHERE account_id = ? ORDER BY issued_at""").param(account).query().listOfRows()));
	}

	@Override
	public void erase(UUID account, Instant now) {
		this.jdbc.sql("UPDATE certificates SET holder_name_masked = ? WHERE account_id = ?")
			.params(ERASED_HOLDER, account)
			.update();
	}

}
