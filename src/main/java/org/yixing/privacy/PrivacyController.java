package org.yixing.privacy;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.web.Downloads;

/** The volunteer's PIPL rights over the API: a copy of their data, and erasure. */
@RestController
@RequestMapping("/api/v1/me")
class PrivacyController {

	private final PersonalDataRights rights;

	PrivacyController(PersonalDataRights rights) {
		this.rights = rights;
	}

	/**
	 * All personal data held about the caller as JSON; with {@code files=true} a zip of
	 * that JSON and every file held (evidence, ID photos).
	 */
	@GetMapping("/export")
	ResponseEntity<?> export(AuthenticatedAccount me, @RequestParam(defaultValue = "false") boolean files) {
		if (files) {
			return download(this.rights.exportZip(me));
		}
		Map<String, Object> data = this.rights.export(me);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body(data);
	}

	/**
	 * Erases the caller's personal data (PIPL Art. 47); their hours stay in the ledger.
	 */
	@DeleteMapping
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void erase(AuthenticatedAccount me, @Valid @RequestBody Erasure request) {
		this.rights.erase(me, request.password());
	}

	/**
	 * The export's zip as a download that no cache keeps (the app's page serves it too).
	 */
	static ResponseEntity<byte[]> download(byte[] zip) {
		return Downloads.of(zip, "application/zip", "yixing-personal-data.zip");
	}

	record Erasure(@NotBlank @Size(max = 200) String password) {
	}

}
