package org.yixing.audit;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ApiTest
class AuditLogTests {

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void anEntryRecordsWhoDidWhatToWhichTargetAndWhen() {
		UUID actor = UUID.randomUUID();
		String target = UUID.randomUUID().toString();
		this.transactions.executeWithoutResult(
				(status) -> this.audit.record(actor, "TEST_ACTION", "ACCOUNT", target, Map.of("reason", "测试")));
		Map<String, Object> row = this.jdbc.sql(
				"SELECT actor_id, action, details->>'reason' AS reason, recorded_at FROM audit_log WHERE target_id = ?")
			.param(target)
			.query()
			.singleRow();
		assertThat(row).containsEntry("actor_id", actor)
			.containsEntry("action", "TEST_ACTION")
			.containsEntry("reason", "测试");
		assertThat(row.get("recorded_at")).isNotNull();
	}

	@Test
	void theDatabaseRefusesToChangeOrDeleteEntries() {
		String target = UUID.randomUUID().toString();
		this.transactions
			.executeWithoutResult((status) -> this.audit.record(null, "TEST_ACTION", "ACCOUNT", target, Map.of()));
		assertThatThrownBy(
				() -> this.jdbc.sql("UPDATE audit_log SET action = 'X' WHERE target_id = ?").param(target).update())
			.isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM audit_log WHERE target_id = ?").param(target).update())
			.isInstanceOf(DataAccessException.class);
	}

	@Test
	void anEntryIsOnlyWrittenInsideTheActionsTransaction() {
		assertThatThrownBy(() -> this.audit.record(null, "X", "ACCOUNT", "t", Map.of()))
			.isInstanceOf(IllegalTransactionStateException.class);
	}

}
