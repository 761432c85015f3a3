package org.yixing.privacy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.identity.PageSignIn;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/** 我的 → 个人信息与隐私: download my data, or erase my account. */
@PageController
class PrivacyPages {

	private final PersonalDataRights rights;

	private final PageSignIn sessions;

	private final PageFeedback feedback;

	PrivacyPages(PersonalDataRights rights, PageSignIn sessions, PageFeedback feedback) {
		this.rights = rights;
		this.sessions = sessions;
		this.feedback = feedback;
	}

	@GetMapping("/me/privacy")
	String privacy(AuthenticatedAccount me, Model model) {
		model.addAttribute("back", "/me");
		model.addAttribute("staff", me.staff());
		return "privacy/privacy";
	}

	@GetMapping("/me/privacy/export.zip")
	ResponseEntity<byte[]> export(AuthenticatedAccount me) {
		return PrivacyController.download(this.rights.exportZip(me));
	}

	@PostMapping("/me/privacy/erase")
	String erase(AuthenticatedAccount me, @RequestParam(required = false) @Nullable String password,
			@RequestParam(required = false) @Nullable String confirm, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		try {
			if (!"on".equals(confirm) && !"true".equals(confirm)) {
				throw DomainException.invalidField("confirm", "ui.privacy.erase.confirm.required");
			}
			this.rights.erase(me, password);
			this.sessions.signOut(request, response);
			return "redirect:/login?erased";
		}
		catch (DomainException ex) {
			model.addAttribute("back", "/me");
			model.addAttribute("staff", me.staff());
			return this.feedback.refuse(model, ex, response, "privacy/privacy");
		}
	}

}
