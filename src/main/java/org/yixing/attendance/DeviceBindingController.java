package org.yixing.attendance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Which account owns a phone for quick check-in (RULES §6), for platform staff: look up
 * by device or account, and release a binding (a phone sold or handed on), audited.
 */
@RestController
@RequestMapping("/api/v1/admin/device-bindings")
class DeviceBindingController {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	DeviceBindingController(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@GetMapping
	List<Binding> find(AuthenticatedAccount caller, @RequestParam(required = false) @Nullable String deviceId,
			@RequestParam(required = false) @Nullable UUID accountId) {
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

	@DeleteMapping("/{deviceId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void release(AuthenticatedAccount caller, @PathVariable String deviceId) {
		caller.requireStaff();
		UUID owner = this.jdbc.sql("DELETE FROM device_bindings WHERE device_id = ? RETURNING account_id")
			.param(deviceId)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.audit.record(caller.id().value(), "DEVICE_BINDING_RELEASED", "ACCOUNT", owner.toString(),
				Map.of("deviceId", deviceId));
	}

	record Binding(String deviceId, String accountId, Instant boundAt) {
	}

}
