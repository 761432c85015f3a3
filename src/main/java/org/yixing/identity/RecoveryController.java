package org.yixing.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/** Password recovery (RULES §3, docs/API.md): by SMS, security question, ID photo. */
@RestController
@RequestMapping("/api/v1/password-resets")
class RecoveryController {

	private final PasswordRecovery recovery;

	private final IdPhotoRecovery idPhotos;

	static final String SUCCESSOR = "POST /api/v1/password-resets/security-question/lookup";

	RecoveryController(PasswordRecovery recovery, IdPhotoRecovery idPhotos) {
		this.recovery = recovery;
		this.idPhotos = idPhotos;
	}

	@PostMapping("/sms")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void resetBySms(@Valid @RequestBody SmsReset request) {
		this.recovery.resetBySms(request.idNumber(), request.phone(), request.smsCode(), request.newPassword());
	}

	/**
	 * The volunteer's security question, looked up by ID number in the body: personal
	 * data never rides in a URL, where proxies and access logs keep it.
	 */
	@PostMapping("/security-question/lookup")
	Question securityQuestion(@Valid @RequestBody QuestionLookup request) {
		return new Question(this.recovery.securityQuestion(request.idNumber()));
	}

	/**
	 * The former lookup, which carried the ID number in its query: 410 with a pointer to
	 * its successor, for one release. Whatever it was sent is neither read nor logged.
	 */
	@Deprecated
	@GetMapping("/security-question")
	ResponseEntity<ProblemDetail> formerSecurityQuestion() {
		throw new DomainException(ErrorCode.ENDPOINT_GONE, SUCCESSOR).with("successor", SUCCESSOR);
	}

	@PostMapping("/security-question")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void resetBySecurityQuestion(@Valid @RequestBody AnswerReset request) {
		this.recovery.resetBySecurityQuestion(request.idNumber(), request.answer(), request.newPassword());
	}

	@PostMapping(path = "/id-photo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	ReviewStatus submitIdPhoto(@Valid @ModelAttribute IdPhotoForm form) {
		try {
			return ReviewStatus
				.of(this.idPhotos.submit(form.idNumber(), form.realName(), form.newPhone(), form.photo().getBytes()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The volunteer follows their request by its (unguessable) id. */
	@GetMapping("/id-photo/{id}")
	ReviewStatus idPhotoStatus(@PathVariable UUID id) {
		return ReviewStatus.of(this.idPhotos.status(id));
	}

	record SmsReset(@NotBlank String idNumber, @NotBlank String phone, @Nullable String smsCode,
			@NotBlank String newPassword) {
	}

	record Question(String question) {
	}

	record QuestionLookup(@NotBlank String idNumber) {
	}

	/**
	 * The form fields of an ID-photo recovery: parts of the multipart body, never query
	 * parameters.
	 */
	@Schema(name = "IdPhotoRecoveryForm")
	record IdPhotoForm(@NotBlank String idNumber, @NotBlank @Size(max = RealName.MAX) String realName,
			@NotBlank String newPhone, @NotNull MultipartFile photo) {
	}

	record AnswerReset(@NotBlank String idNumber, @Nullable String answer, @NotBlank String newPassword) {
	}

	record ReviewStatus(String id, org.yixing.shared.ReviewStatus status, @Nullable String reason, Instant submittedAt,
			@Nullable Instant decidedAt) {

		static ReviewStatus of(IdPhotoReviews.Review review) {
			return new ReviewStatus(review.id().toString(), review.status(), review.reason(), review.createdAt(),
					review.decidedAt());
		}

	}

}
