package org.yixing.insurance;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yixing.shared.PersonalData;

/**
 * Insurance policies: exported; kept on erasure, since they are the insurer's contract
 * records and name no more than the (then pseudonymised) account.
 */
@Component
class PoliciesPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	PoliciesPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "insurance";
	}

	@Override
	public Object export(UUID account) {
		return PersonalData.rows(this.jdbc.sql("""
				SELECT p.policy_number, i.insurer, i.plan_name, p.coverage_start, p.coverage_end, p.claimed_at
				FROM insurance_policies p JOIN insurance_products i ON i.id = p.product_id
				WHERE p.account_id = ? ORDER BY p.claimed_at""").param(account).query().listOfRows());
	}

	@Override
	public void erase(UUID account, Instant now) {
		// kept: see the class comment
	}

}
