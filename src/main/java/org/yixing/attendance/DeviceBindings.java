package org.yixing.attendance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Quick check-in's device bindings (one phone, one account), for staff: find them and
 * release one, e.g. when a volunteer changed phone (FAQ 7), with the reason audited.
 */
@Service
class DeviceBindings {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	DeviceBindings(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	List<Binding> find(AuthenticatedAccount caller, @Nullable String deviceId, @Nullable UUID accountId) {
		caller.requireStaff();
		if (deviceId == null && accountId == null) {
			throw DomainException.invalidField("deviceId", "NotNull");
		}
		return this.jdbc.sql("""
				SELECT device_id, account_id, bound_at FROM device_bindings
				WHERE (CAST(? AS text) IS NULL OR device_id = ?) AND (CAST(? AS uuid) IS NULL OR account_id = ?)
				ORDER BY bound_at LIMIT 100""")
			.params(deviceId, deviceId, accountId, accountId)
			.query((rs, n) -> new Binding(rs.getString("device_id"), rs.getObject("account_id", UUID.class).toString(),
					rs.getTimestamp("bound_at").toInstant()))
			.list();
	}

	@Transactional
	void release(AuthenticatedAccount caller, String deviceId, String reason) {
		caller.requireStaff();
		UUID owner = this.jdbc.sql("DELETE FROM device_bindings WHERE device_id = ? RETURNING account_id")
			.param(deviceId)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.audit.record(caller.id().value(), "DEVICE_BINDING_RELEASED", "ACCOUNT", owner.toString(),
				Map.of("deviceId", deviceId, "reason", reason));
	}

	record Binding(String deviceId, String accountId, Instant boundAt) {
	}

}
