package org.yixing.reminder;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;

/** The volunteer's settings (docs/API.md): 短信提醒 for now. */
@RestController
@RequestMapping("/api/v1")
class ReminderSettingsController {

	private final ReminderPreferences preferences;

	ReminderSettingsController(ReminderPreferences preferences) {
		this.preferences = preferences;
	}

	@GetMapping("/me/settings")
	Settings settings(AuthenticatedAccount caller) {
		return new Settings(this.preferences.smsReminders(caller.id().value()));
	}

	/** Idempotent: the same settings again change nothing. */
	@PutMapping("/me/settings")
	Settings change(AuthenticatedAccount caller, @Valid @RequestBody Settings request) {
		this.preferences.setSmsReminders(caller.id().value(), request.smsReminders());
		return settings(caller);
	}

	/**
	 * @param smsReminders whether reminders (RULES §13) also come as text messages; the
	 * notices always do
	 */
	record Settings(@NotNull Boolean smsReminders) {
	}

}
