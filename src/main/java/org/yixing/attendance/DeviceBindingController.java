package org.yixing.attendance;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.StaffOnly;
import org.yixing.identity.AuthenticatedAccount;

/**
 * Which account owns a phone for quick check-in (RULES §6), for platform staff: look up
 * by device or account, and release a binding (a phone sold or handed on), audited.
 */
@RestController
@RequestMapping("/api/v1/admin/device-bindings")
class DeviceBindingController {

	private final DeviceBindings bindings;

	DeviceBindingController(DeviceBindings bindings) {
		this.bindings = bindings;
	}

	@StaffOnly
	@GetMapping
	List<DeviceBindings.Binding> find(AuthenticatedAccount caller,
			@RequestParam(required = false) @Nullable String deviceId,
			@RequestParam(required = false) @Nullable UUID accountId) {
		return this.bindings.find(caller, deviceId, accountId);
	}

	@StaffOnly
	@DeleteMapping("/{deviceId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void release(AuthenticatedAccount caller, @PathVariable String deviceId,
			@RequestParam(required = false) @Nullable String reason) {
		this.bindings.release(caller, deviceId, (reason != null) ? reason.strip() : "");
	}

}
