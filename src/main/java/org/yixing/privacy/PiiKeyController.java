package org.yixing.privacy;

import java.time.Duration;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.identity.StaffOnly;

/** Platform staff: how far a PII key rotation's re-encryption has come, and more now. */
@RestController
@StaffOnly
@RequestMapping("/api/v1/admin/pii-key")
class PiiKeyController {

	private final PiiKeyRotation rotation;

	PiiKeyController(PiiKeyRotation rotation) {
		this.rotation = rotation;
	}

	/** How far re-encryption under the current PII key has come (docs/OPERATIONS.md). */
	@GetMapping
	PiiKeyRotation.Progress piiKey(AuthenticatedAccount me) {
		me.requireStaff();
		return this.rotation.progress();
	}

	/** Re-encrypts what is left now, for at most a minute; call again to continue. */
	@PostMapping("/re-encryption")
	PiiKeyRotation.Progress reencrypt(AuthenticatedAccount me) {
		me.requireStaff();
		return this.rotation.run(Duration.ofMinutes(1));
	}

}
