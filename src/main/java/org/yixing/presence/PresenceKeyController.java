package org.yixing.presence;

import java.time.OffsetDateTime;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.ApplicationClock;

/** 我的签到码's key (docs/API.md). */
@RestController
@RequestMapping("/api/v1")
class PresenceKeyController {

	private final PresenceKeys keys;

	PresenceKeyController(PresenceKeys keys) {
		this.keys = keys;
	}

	/**
	 * A key for this device; the key of the volunteer's previous device stops working.
	 * The device computes its personal codes from it, offline too (the format is in
	 * docs/API.md).
	 */
	@PostMapping("/me/presence-key")
	@ResponseStatus(HttpStatus.CREATED)
	IssuedKey issue(AuthenticatedAccount caller) {
		PresenceKeys.Issued issued = this.keys.issue(caller.id());
		return new IssuedKey(issued.keyId(), issued.secret(), issued.stepSeconds(),
				ApplicationClock.local(issued.issuedAt()));
	}

	/** Revokes the key in force (a lost phone). */
	@DeleteMapping("/me/presence-key")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(AuthenticatedAccount caller) {
		this.keys.revoke(caller.id());
	}

	record IssuedKey(String keyId, String secret, int stepSeconds, OffsetDateTime issuedAt) {
	}

}
