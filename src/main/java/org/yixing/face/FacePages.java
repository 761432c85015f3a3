package org.yixing.face;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

	private final FlaggedReenrolments flagged;

	private final PageFeedback feedback;

	FacePages(FaceRecognition faces, OrganizationDirectory organizations, FlaggedReenrolments flagged,
			PageFeedback feedback) {
		this.faces = faces;
		this.organizations = organizations;
		this.flagged = flagged;
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
			this.faces.enrol(me.id().value(), FaceRecognition.picture(faceImage, "faceImage"),
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
		model.addAttribute("consoleOrganization", organization);
		model.addAttribute("flagged", this.flagged.within(organization.id()));
		return "face/reenrolments";
	}

}
