package org.yixing.face;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.AdminOnly;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/** The biometric consent and the volunteer's face enrolment (RULES §7, docs/API.md). */
@RestController
@RequestMapping("/api/v1")
class FaceController {

	private final FaceRecognition faces;

	private final OrganizationDirectory organizations;

	private final FlaggedReenrolments flagged;

	FaceController(FaceRecognition faces, OrganizationDirectory organizations, FlaggedReenrolments flagged) {
		this.faces = faces;
		this.organizations = organizations;
		this.flagged = flagged;
	}

	/** The consent text to show before enrolment, and its version to send back. */
	@GetMapping("/face/consent")
	FaceConsent consent() {
		return FaceConsent.CURRENT;
	}

	/**
	 * Whether a face is enrolled and locked, and the consent in force; never the
	 * template.
	 */
	@GetMapping("/me/face")
	FaceStatus status(AuthenticatedAccount caller) {
		FaceRecognition.Status s = this.faces.status(caller.id().value());
		return new FaceStatus(s.enrolled(), s.locked(), s.mismatches(), s.consentVersion(), local(s.consentedAt()),
				local(s.enrolledAt()), s.reenrolmentRequired(), FaceConsent.CURRENT.version());
	}

	/** Enrols (or, until a face check-in has succeeded, replaces) the face. */
	@PutMapping(path = "/me/face", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void enrol(AuthenticatedAccount caller, @Valid @RequestBody EnrolBody body) {
		this.faces.enrol(caller.id().value(), FaceRecognition.picture(body.image(), "image"), body.consentVersion());
	}

	@PutMapping(path = "/me/face", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
					schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = FaceEnrolmentForm.class)))
	void enrolMultipart(AuthenticatedAccount caller, @RequestPart("image") MultipartFile image,
			@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam(name = "consentVersion",
					required = false) @Nullable String consentVersion)
			throws IOException {
		if (image.getSize() > FaceRecognition.MAX_IMAGE_BYTES) {
			throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE);
		}
		this.faces.enrol(caller.id().value(), image.getBytes(), (consentVersion != null) ? consentVersion : "");
	}

	/** The multipart body of a face enrolment, as documented. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "FaceEnrolmentForm")
	record FaceEnrolmentForm(
			@io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary",
					requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) String image,
			@io.swagger.v3.oas.annotations.media.Schema(description = "the 人脸信息处理规则 version consented to",
					requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) String consentVersion) {
	}

	/** Withdraws the consent: the template is deleted at once. */
	@DeleteMapping("/me/face")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void withdraw(AuthenticatedAccount caller) {
		this.faces.withdraw(caller.id().value());
	}

	/**
	 * Re-enrolments flagged in the organization and below (RULES §7), newest first, for
	 * its admins: who, why, at which activity, and whether the face has been enrolled
	 * again.
	 */
	@AdminOnly
	@GetMapping("/organizations/{id}/face-reenrolments")
	List<FlaggedReenrolments.FlaggedReenrolment> reenrolments(AuthenticatedAccount caller, @PathVariable UUID id) {
		OrganizationId organization = new OrganizationId(id);
		this.organizations.administeredBy(caller, organization);
		return this.flagged.within(organization);
	}

	private static @Nullable OffsetDateTime local(java.time.@Nullable Instant instant) {
		return (instant != null) ? ApplicationClock.local(instant) : null;
	}

	/**
	 * @param image the picture, base64 (a {@code data:} URL is accepted), JPEG or PNG, at
	 * most 2 MB
	 * @param consentVersion the version of the consent text shown ({@code GET
	 * /face/consent})
	 */
	record EnrolBody(@NotBlank String image, @NotBlank @Size(max = 50) String consentVersion) {
	}

	record FaceStatus(boolean enrolled, boolean locked, int failedComparisons, @Nullable String consentVersion,
			@Nullable OffsetDateTime consentedAt, @Nullable OffsetDateTime enrolledAt, boolean reenrolmentRequired,
			String currentConsentVersion) {
	}

}
