package org.yixing.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Password recovery (RULES §3, DESIGN.md §5): by SMS, security question, ID photo. */
@RestController
@RequestMapping("/api/v1/password-resets")
class RecoveryController {

	private final PasswordRecovery recovery;

	private final IdPhotoRecovery idPhotos;

	RecoveryController(PasswordRecovery recovery, IdPhotoRecovery idPhotos) {
		this.recovery = recovery;
		this.idPhotos = idPhotos;
	}

	@PostMapping("/sms")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void resetBySms(@Valid @RequestBody SmsReset request) {
		this.recovery.resetBySms(request.idNumber(), request.phone(), request.smsCode(), request.newPassword());
	}

	@GetMapping("/security-question")
	Question securityQuestion(@RequestParam String idNumber) {
		return new Question(this.recovery.securityQuestion(idNumber));
	}

	@PostMapping("/security-question")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void resetBySecurityQuestion(@Valid @RequestBody AnswerReset request) {
		this.recovery.resetBySecurityQuestion(request.idNumber(), request.answer(), request.newPassword());
	}

	@PostMapping(path = "/id-photo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	ReviewStatus submitIdPhoto(@RequestParam String idNumber, @RequestParam String realName,
			@RequestParam String newPhone, @RequestPart MultipartFile photo) {
		try {
			return ReviewStatus.of(this.idPhotos.submit(idNumber, realName, newPhone, photo.getBytes()));
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

	record AnswerReset(@NotBlank String idNumber, @Nullable String answer, @NotBlank String newPassword) {
	}

	record ReviewStatus(String id, String status, @Nullable String reason, Instant submittedAt,
			@Nullable Instant decidedAt) {

		static ReviewStatus of(IdPhotoReviews.Review review) {
			return new ReviewStatus(review.id().toString(), review.status(), review.reason(), review.createdAt(),
					review.decidedAt());
		}

	}

}
