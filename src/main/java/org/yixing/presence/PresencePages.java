package org.yixing.presence;

import java.time.Clock;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.web.PageController;

/**
 * 我的 → 我的签到码 (RULES §12): a large QR of the volunteer's personal code, made on the phone
 * every 30 s from the key it received while online, with the name and the masked ID for
 * the organizer to glance at. The service worker keeps the page, so it opens offline.
 */
@PageController
class PresencePages {

	private final PresenceKeys keys;

	private final AccountDirectory accounts;

	private final Clock clock;

	PresencePages(PresenceKeys keys, AccountDirectory accounts, Clock clock) {
		this.keys = keys;
		this.accounts = accounts;
		this.clock = clock;
	}

	@GetMapping("/me/presence-code")
	String page(AuthenticatedAccount me, Model model) {
		model.addAttribute("person", this.accounts.find(me.id()).orElseThrow());
		model.addAttribute("back", "/me");
		return "presence/code";
	}

	/**
	 * What the page checks while online: the key in force (another device may have taken
	 * over) and the application's time (the phone's clock may be wrong).
	 */
	@GetMapping("/me/presence-code/status")
	@ResponseBody
	Map<String, Object> status(AuthenticatedAccount me) {
		return Map.of("keyId", this.keys.currentKeyOf(me.id()).orElse(""), "now", this.clock.millis());
	}

	/** A key for this device (the page's equivalent of {@code POST /me/presence-key}). */
	@PostMapping("/me/presence-code/key")
	@ResponseBody
	ResponseEntity<Map<String, Object>> issue(AuthenticatedAccount me) {
		PresenceKeys.Issued issued = this.keys.issue(me.id());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("keyId", issued.keyId(), "secret", issued.secret(), "stepSeconds", issued.stepSeconds(), "now",
					this.clock.millis()));
	}

}
