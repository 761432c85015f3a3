package org.yixing.face;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.activity.ActivityDirectory;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * 我的 → 人脸识别: the consent, enrolment with the camera, and withdrawal; and the admin
 * console's list of volunteers whose face must be enrolled again.
 */
@PageController
class FacePages {

	private final FaceRecognition faces;

	private final OrganizationDirectory organizations;

	private final AccountDirectory accounts;

	private final ActivityDirectory activities;

	private final PageFeedback feedback;

	FacePages(FaceRecognition faces, OrganizationDirectory organizations, AccountDirectory accounts,
			ActivityDirectory activities, PageFeedback feedback) {
		this.faces = faces;
		this.organizations = organizations;
		this.accounts = accounts;
		this.activities = activities;
		this.feedback = feedback;
	}

	@GetMapping("/me/face")
	String face(AuthenticatedAccount me, Model model) {
		model.addAttribute("status", this.faces.status(me.id().value()));
		model.addAttribute("consent", FaceConsent.CURRENT);
		model.addAttribute("back", "/me");
		return "face/face";
	}

	@PostMapping("/me/face")
	String enrol(AuthenticatedAccount me, @RequestParam(required = false) @Nullable String faceImage,
			@RequestParam(required = false) @Nullable String faceConsentVersion, HttpServletResponse response,
			Model model) {
		try {
			if (faceImage == null || faceImage.isBlank()) {
				throw DomainException.invalidField("faceImage", "face.image.required");
			}
			this.faces.enrol(me.id().value(), FaceRecognition.decodeBase64(faceImage),
					(faceConsentVersion != null) ? faceConsentVersion : "");
			return "redirect:/me/face?enrolled";
		}
		catch (DomainException ex) {
			this.feedback.refuse(model, ex, response, "");
			return face(me, model);
		}
	}

	@PostMapping("/me/face/withdraw")
	String withdraw(AuthenticatedAccount me) {
		this.faces.withdraw(me.id().value());
		return "redirect:/me/face?withdrawn";
	}

	@GetMapping("/admin/organizations/{id}/face-reenrolments")
	String reenrolments(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		OrganizationDirectory.OrganizationSummary organization = this.organizations.administeredBy(me,
				new OrganizationId(id));
		List<FaceRecognition.Reenrolment> flagged = this.faces
			.reenrolmentsOf(this.organizations.subtreeIds(organization.id()), 500);
		Map<UUID, AccountDirectory.AccountSummary> people = this.accounts
			.findAllByUuid(flagged.stream().map(FaceRecognition.Reenrolment::accountId).toList());
		model.addAttribute("consoleOrganization", organization);
		model.addAttribute("flagged", flagged);
		model.addAttribute("people", people);
		model.addAttribute("titles", this.activities
			.titlesOf(flagged.stream().map(FaceRecognition.Reenrolment::activityId).filter(Objects::nonNull).toList()));
		return "face/reenrolments";
	}

}
