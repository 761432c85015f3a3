package org.yixing.face;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yixing.shared.PersonalData;

/**
 * The volunteer's face data in the export: the consents and whether a template exists,
 * never the template itself (RULES §7: never returned by any API). Deleted with the
 * account, consents and re-enrolment flags included.
 */
@Component
class FacePersonalData implements PersonalData {

	private final JdbcClient jdbc;

	FacePersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "face";
	}

	@Override
	public Object export(UUID account) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("consents", PersonalData.rows(this.jdbc
			.sql("SELECT version, given_at, withdrawn_at FROM face_consents WHERE account_id = ? ORDER BY given_at")
			.param(account)
			.query()
			.listOfRows()));
		out.put("template", PersonalData.rows(this.jdbc.sql("""
				SELECT model, enrolled_at, locked_at, mismatches, 'sealed, not exported' AS template
				FROM face_templates WHERE account_id = ?""").param(account).query().listOfRows()));
		out.put("reenrolments", PersonalData.rows(this.jdbc.sql(
				"SELECT reason, flagged_at, reenrolled_at FROM face_reenrolments WHERE account_id = ? ORDER BY flagged_at")
			.param(account)
			.query()
			.listOfRows()));
		return out;
	}

	@Override
	public void erase(UUID account, Instant now) {
		this.jdbc.sql("DELETE FROM face_templates WHERE account_id = ?").param(account).update();
		this.jdbc.sql("DELETE FROM face_consents WHERE account_id = ?").param(account).update();
		this.jdbc.sql("DELETE FROM face_reenrolments WHERE account_id = ?").param(account).update();
	}

}
