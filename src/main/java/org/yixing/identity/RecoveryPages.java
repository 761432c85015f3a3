package org.yixing.identity;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * 忘记密码 with the guide's three routes (FAQ 1): 通过手机号找回密码, 密保问题 and 上传证件照找回密码 with a status
 * page that shows the review's result.
 */
@PageController
class RecoveryPages {

	private final PasswordRecovery recovery;

	private final IdPhotoRecovery idPhotos;

	private final PageFeedback feedback;

	RecoveryPages(PasswordRecovery recovery, IdPhotoRecovery idPhotos, PageFeedback feedback) {
		this.recovery = recovery;
		this.idPhotos = idPhotos;
		this.feedback = feedback;
	}

	@GetMapping("/forgot-password")
	String routes(Model model) {
		model.addAttribute("back", "/login");
		return "identity/forgot";
	}

	@GetMapping("/forgot-password/sms")
	String smsForm(Model model) {
		model.addAttribute("back", "/forgot-password");
		return "identity/forgot-sms";
	}

	@PostMapping("/forgot-password/sms")
	String resetBySms(@RequestParam(required = false) @Nullable String idNumber,
			@RequestParam(required = false) @Nullable String phone,
			@RequestParam(required = false) @Nullable String smsCode,
			@RequestParam(required = false) @Nullable String newPassword, HttpServletResponse response, Model model) {
		try {
			this.recovery.resetBySms(idNumber, phone, smsCode, newPassword);
			return "redirect:/login?reset";
		}
		catch (DomainException ex) {
			model.addAttribute("idNumber", idNumber);
			model.addAttribute("phone", phone);
			model.addAttribute("back", "/forgot-password");
			return this.feedback.refuse(model, ex, response, "identity/forgot-sms");
		}
	}

	@GetMapping("/forgot-password/question")
	String questionForm(Model model) {
		model.addAttribute("back", "/forgot-password");
		return "identity/forgot-question";
	}

	/**
	 * The question for an ID number sent in the form's body: an ID number never rides in
	 * a URL, where proxies and browser histories keep it.
	 */
	@PostMapping("/forgot-password/question/lookup")
	String question(@RequestParam(required = false) @Nullable String idNumber, HttpServletResponse response,
			Model model) {
		model.addAttribute("back", "/forgot-password");
		model.addAttribute("idNumber", idNumber);
		if (idNumber != null && !idNumber.isBlank()) {
			try {
				model.addAttribute("question", this.recovery.securityQuestion(idNumber));
			}
			catch (DomainException ex) {
				if (ex.code() == ErrorCode.NOT_FOUND) {
					model.addAttribute("error", this.feedback.text("ui.forgot.question.none"));
					response.setStatus(404);
					return "identity/forgot-question";
				}
				return this.feedback.refuse(model, ex, response, "identity/forgot-question");
			}
		}
		return "identity/forgot-question";
	}

	@PostMapping("/forgot-password/question")
	String resetByQuestion(@RequestParam(required = false) @Nullable String idNumber,
			@RequestParam(required = false) @Nullable String answer,
			@RequestParam(required = false) @Nullable String newPassword, HttpServletResponse response, Model model) {
		try {
			this.recovery.resetBySecurityQuestion(idNumber, answer, newPassword);
			return "redirect:/login?reset";
		}
		catch (DomainException ex) {
			model.addAttribute("back", "/forgot-password");
			model.addAttribute("idNumber", idNumber);
			try {
				model.addAttribute("question", this.recovery.securityQuestion(idNumber));
			}
			catch (DomainException noQuestion) {
				// shown as the refusal below
			}
			return this.feedback.refuse(model, ex, response, "identity/forgot-question");
		}
	}

	@GetMapping("/forgot-password/id-photo")
	String idPhotoForm(Model model) {
		model.addAttribute("back", "/forgot-password");
		return "identity/forgot-id-photo";
	}

	@PostMapping("/forgot-password/id-photo")
	String submitIdPhoto(@RequestParam(required = false) @Nullable String idNumber,
			@RequestParam(required = false) @Nullable String realName,
			@RequestParam(required = false) @Nullable String newPhone,
			@RequestParam(required = false) @Nullable MultipartFile photo, HttpServletResponse response, Model model)
			throws IOException {
		try {
			if (photo == null || photo.isEmpty()) {
				throw new DomainException(ErrorCode.INVALID_PHOTO);
			}
			IdPhotoReviews.Review review = this.idPhotos.submit(idNumber, realName, newPhone, photo.getBytes());
			return "redirect:/forgot-password/id-photo/" + review.id();
		}
		catch (DomainException ex) {
			model.addAttribute("back", "/forgot-password");
			model.addAttribute("idNumber", idNumber);
			model.addAttribute("realName", realName);
			model.addAttribute("newPhone", newPhone);
			return this.feedback.refuse(model, ex, response, "identity/forgot-id-photo");
		}
	}

	/** The request's status, found by its unguessable id (the page's own address). */
	@GetMapping("/forgot-password/id-photo/{id}")
	String idPhotoStatus(@PathVariable UUID id, Model model) {
		model.addAttribute("review", this.idPhotos.status(id));
		model.addAttribute("back", "/login");
		return "identity/forgot-id-photo-status";
	}

}
