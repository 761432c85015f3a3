package org.yixing.reminder;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.web.PageController;

/** 我的 → 短信提醒: the switch posts here and returns to 我的. */
@PageController
class ReminderPages {

	private final ReminderPreferences preferences;

	ReminderPages(ReminderPreferences preferences) {
		this.preferences = preferences;
	}

	@PostMapping("/me/settings")
	String change(AuthenticatedAccount me, @RequestParam(defaultValue = "false") boolean smsReminders) {
		this.preferences.setSmsReminders(me.id().value(), smsReminders);
		return "redirect:/me?saved";
	}

}
