package org.yixing.sms;

import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * 获取验证码 on the registration, recovery and phone pages: sends a code and answers with the
 * status line, which starts the button's 60 s countdown; refusals (e.g. the daily limit
 * of RULES §2) in their docs/RULES.md words.
 */
@PageController
class SmsCodePage {

	private final SmsCodes codes;

	private final PageFeedback feedback;

	SmsCodePage(SmsCodes codes, PageFeedback feedback) {
		this.codes = codes;
		this.feedback = feedback;
	}

	@PostMapping("/sms-code")
	String send(@RequestParam(required = false) @Nullable String phone,
			@RequestParam(required = false) @Nullable String purpose,
			@RequestParam(defaultValue = "sms-button") String button, Model model) {
		model.addAttribute("button", button.replaceAll("[^A-Za-z0-9_-]", ""));
		try {
			SmsPurpose chosen = SmsPurpose.valueOf(String.valueOf(purpose));
			SmsCodes.CodeSent sent = this.codes.send(String.valueOf(phone), chosen);
			model.addAttribute("sent", true);
			model.addAttribute("countdown", sent.resendAfterSeconds());
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("sent", false);
			model.addAttribute("error", this.feedback.message(org.yixing.shared.ErrorCode.VALIDATION_FAILED));
		}
		catch (DomainException ex) {
			model.addAttribute("sent", false);
			this.feedback.refuse(model, ex);
			if (ex.properties().get("retryAfterSeconds") instanceof Number wait) {
				// Too soon after the last code: the button counts down (58s后重新获取)
				// instead of a red refusal; the code sent before is still on its way.
				model.addAttribute("countdown", wait.longValue());
				model.addAttribute("waiting", true);
			}
		}
		return "sms/status :: status";
	}

}
