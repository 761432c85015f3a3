package org.yixing.campus;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.identity.CampusIdentities;
import org.yixing.identity.StaffOnly;

/**
 * Connecting a university to its identity provider (platform staff) and unlinking one's
 * own campus identity (docs/API.md, RULES §14).
 */
@RestController
@RequestMapping("/api/v1")
class CampusSignOnController {

	private final CampusConnectionSettings settings;

	private final CampusIdentities identities;

	CampusSignOnController(CampusConnectionSettings settings, CampusIdentities identities) {
		this.settings = settings;
		this.identities = identities;
	}

	/**
	 * Connects a top-level organization (a university) to its OpenID Connect provider, or
	 * changes its connection; the secret may be left out to keep the stored one.
	 */
	@StaffOnly
	@PutMapping("/organizations/{id}/campus-sign-on")
	CampusConnectionSettings.View connect(AuthenticatedAccount caller, @PathVariable UUID id,
			@RequestBody CampusConnectionSettings.Request request) {
		return this.settings.connect(caller, id, request);
	}

	/** The connection, without its secret. */
	@StaffOnly
	@GetMapping("/organizations/{id}/campus-sign-on")
	CampusConnectionSettings.View connection(AuthenticatedAccount caller, @PathVariable UUID id) {
		return this.settings.view(id);
	}

	/** Unlinks the caller's campus identity of this university; needs the password. */
	@DeleteMapping("/me/campus-identities/{organizationId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unlink(AuthenticatedAccount me, @PathVariable UUID organizationId, @RequestBody Unlink request) {
		this.identities.unlink(me.id(), organizationId, request.password());
	}

	record Unlink(@NotBlank @Nullable String password) {
	}

}
