package org.yixing.organization;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yixing.shared.PersonalData;

/**
 * Memberships and membership requests: exported; on erasure the person leaves every
 * organization and pending requests are withdrawn (decided ones stay as the
 * organizations' records).
 */
@Component
class MembershipsPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	MembershipsPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "organizations";
	}

	@Override
	public Object export(UUID account) {
		return Map.of("memberships", PersonalData.rows(this.jdbc.sql("""
				SELECT o.name AS organization, m.role, m.joined_at
				FROM memberships m JOIN organizations o ON o.id = m.organization_id
				WHERE m.account_id = ? ORDER BY m.joined_at""").param(account).query().listOfRows()), "requests",
				PersonalData.rows(this.jdbc.sql("""
						SELECT o.name AS organization, r.message, r.status, r.reason, r.created_at, r.decided_at
						FROM membership_requests r JOIN organizations o ON o.id = r.organization_id
						WHERE r.account_id = ? ORDER BY r.created_at""").param(account).query().listOfRows()));
	}

	@Override
	public void erase(UUID account, Instant now) {
		this.jdbc.sql("DELETE FROM memberships WHERE account_id = ?").param(account).update();
		this.jdbc.sql("DELETE FROM membership_requests WHERE account_id = ? AND status = 'PENDING'")
			.param(account)
			.update();
		this.jdbc.sql("UPDATE membership_requests SET message = '' WHERE account_id = ?").param(account).update();
	}

}
