package org.yixing.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.region.Regions;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * 我的 → 基本信息: the account's facts, 手机号码 (FAQ 11: an SMS code to the new number), 修改密码 and
 * 密保问题 (FAQ 10). Changing what recovers the account asks for the current password.
 */
@PageController
class AccountPages {

	private final AccountSettings settings;

	private final Regions regions;

	private final PageFeedback feedback;

	AccountPages(AccountSettings settings, Regions regions, PageFeedback feedback) {
		this.settings = settings;
		this.regions = regions;
		this.feedback = feedback;
	}

	@GetMapping("/me/info")
	String info(AuthenticatedAccount me, Model model) {
		Account account = this.settings.get(me.id());
		model.addAttribute("account", account);
		model.addAttribute("idNumber", this.settings.idNumberOf(account));
		model.addAttribute("regionName", null);
		model.addAttribute("region", (account.regionCode() != null)
				? this.regions.find(account.regionCode()).map((r) -> r.name()).orElse("") : "");
		model.addAttribute("back", "/me");
		return "identity/info";
	}

	@GetMapping("/me/password")
	String passwordForm(AuthenticatedAccount me, Model model) {
		model.addAttribute("required", me.mustChangePassword());
		model.addAttribute("back", me.mustChangePassword() ? null : "/me/info");
		return "identity/password";
	}

	@PostMapping("/me/password")
	String changePassword(AuthenticatedAccount me, @RequestParam(required = false) @Nullable String currentPassword,
			@RequestParam(required = false) @Nullable String newPassword, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		try {
			this.settings.changePassword(me.id(), currentPassword, newPassword, PageSessions.token(request).orElse(""));
			return "redirect:/me/info?saved";
		}
		catch (DomainException ex) {
			model.addAttribute("required", me.mustChangePassword());
			model.addAttribute("back", me.mustChangePassword() ? null : "/me/info");
			return this.feedback.refuse(model, ex, response, "identity/password");
		}
	}

	@GetMapping("/me/phone")
	String phoneForm(AuthenticatedAccount me, Model model) {
		model.addAttribute("account", this.settings.get(me.id()));
		model.addAttribute("back", "/me/info");
		return "identity/phone";
	}

	@PostMapping("/me/phone")
	String bindPhone(AuthenticatedAccount me, @RequestParam(required = false) @Nullable String phone,
			@RequestParam(required = false) @Nullable String smsCode,
			@RequestParam(required = false) @Nullable String currentPassword, HttpServletResponse response,
			Model model) {
		try {
			this.settings.checkPassword(me.id(), currentPassword);
			this.settings.bindPhone(me.id(), phone, smsCode);
			return "redirect:/me/info?saved";
		}
		catch (DomainException ex) {
			model.addAttribute("account", this.settings.get(me.id()));
			model.addAttribute("phone", phone);
			model.addAttribute("back", "/me/info");
			return this.feedback.refuse(model, ex, response, "identity/phone");
		}
	}

	@GetMapping("/me/security-question")
	String questionForm(AuthenticatedAccount me, Model model) {
		model.addAttribute("question", this.settings.get(me.id()).securityQuestion());
		model.addAttribute("back", "/me/info");
		return "identity/security-question";
	}

	@PostMapping("/me/security-question")
	String setQuestion(AuthenticatedAccount me, @RequestParam(required = false) @Nullable String question,
			@RequestParam(required = false) @Nullable String answer,
			@RequestParam(required = false) @Nullable String currentPassword, HttpServletResponse response,
			Model model) {
		try {
			this.settings.checkPassword(me.id(), currentPassword);
			this.settings.setSecurityQuestion(me.id(), question, answer);
			return "redirect:/me/info?saved";
		}
		catch (DomainException ex) {
			model.addAttribute("question", question);
			model.addAttribute("back", "/me/info");
			return this.feedback.refuse(model, ex, response, "identity/security-question");
		}
	}

}
