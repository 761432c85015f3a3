package org.yixing.attendance;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.Reason;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * Platform staff's check-in settings in the console: the integrity agreement's text and
 * version (诚信协议), and quick check-in's device bindings (find by volunteer, release with a
 * reason: the FAQ 7 case of a changed phone).
 */
@PageController
class PlatformConsole {

	private final Agreements agreements;

	private final DeviceBindings bindings;

	private final AccountDirectory accounts;

	private final PageFeedback feedback;

	PlatformConsole(Agreements agreements, DeviceBindings bindings, AccountDirectory accounts, PageFeedback feedback) {
		this.agreements = agreements;
		this.bindings = bindings;
		this.accounts = accounts;
		this.feedback = feedback;
	}

	@GetMapping("/admin/agreement")
	String agreement(AuthenticatedAccount me, Model model) {
		me.requireStaff();
		model.addAttribute("agreement", this.agreements.current());
		return "attendance/console/agreement";
	}

	@PostMapping("/admin/agreement")
	String publish(AuthenticatedAccount me, @RequestParam(required = false) @Nullable String version,
			@RequestParam(required = false) @Nullable String text, HttpServletResponse response, Model model) {
		try {
			this.agreements.publish(me, String.valueOf(version), String.valueOf(text));
			return "redirect:/admin/agreement?published";
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, agreement(me, model));
		}
	}

	/** Bindings of the volunteer with this ID number, or of this device id. */
	@GetMapping("/admin/devices")
	String devices(AuthenticatedAccount me, @RequestParam(defaultValue = "") String q, Model model) {
		me.requireStaff();
		String query = q.strip();
		List<DeviceBindings.Binding> found = List.of();
		Optional<AccountDirectory.AccountSummary> person = Optional.empty();
		if (!query.isEmpty()) {
			person = this.accounts.findByIdNumber(query);
			found = person.isPresent() ? this.bindings.find(me, null, person.get().id().value())
					: this.bindings.find(me, query, null);
		}
		model.addAttribute("q", query);
		model.addAttribute("bindings", found);
		model.addAttribute("person", person.orElse(null));
		return "attendance/console/devices";
	}

	@PostMapping("/admin/devices/release")
	String release(AuthenticatedAccount me, @RequestParam(required = false) @Nullable String deviceId,
			@RequestParam(required = false) @Nullable String reason, HttpServletResponse response, Model model) {
		try {
			this.bindings.release(me, String.valueOf(deviceId), Reason.check(reason));
			return "redirect:/admin/devices?released";
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, devices(me, "", model));
		}
	}

}
