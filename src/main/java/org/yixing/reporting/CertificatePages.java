package org.yixing.reporting;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.hours.HoursDirectory;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * 我的 → 志愿服务证明: download the certificate, for all records or one organization's; and the
 * public verification page the certificate's QR code opens.
 */
@PageController
class CertificatePages {

	private final Certificates certificates;

	private final VerificationLinks links;

	private final OrganizationDirectory organizations;

	private final HoursDirectory hours;

	private final PageFeedback feedback;

	CertificatePages(Certificates certificates, VerificationLinks links, OrganizationDirectory organizations,
			HoursDirectory hours, PageFeedback feedback) {
		this.certificates = certificates;
		this.links = links;
		this.organizations = organizations;
		this.hours = hours;
		this.feedback = feedback;
	}

	/**
	 * Only what can be certified is offered: all records, and each organization with
	 * some.
	 */
	@GetMapping("/me/certificate")
	String certificate(AuthenticatedAccount me, Model model) {
		model.addAttribute("back", "/me");
		model.addAttribute("hasRecords", this.hours.entryCount(me.id().value(), null) > 0);
		model.addAttribute("organizations",
				this.organizations.organizationsOf(me.id())
					.stream()
					.filter((o) -> this.hours.entryCount(me.id().value(), this.organizations.subtreeIds(o.id())) > 0)
					.toList());
		return "reporting/certificate";
	}

	@GetMapping("/me/certificate.pdf")
	Object download(AuthenticatedAccount me, @RequestParam(required = false) @Nullable UUID organizationId,
			HttpServletResponse response, Model model) {
		try {
			return CertificateController.pdf(this.certificates, this.links, me, organizationId);
		}
		catch (DomainException ex) {
			certificate(me, model);
			return this.feedback.refuse(model, ex, response, "reporting/certificate");
		}
	}

	/** A code typed in by hand (from the printed URL) goes to its page. */
	@GetMapping("/verify")
	String verifyForm(@RequestParam(required = false) @Nullable String code, Model model) {
		if (code != null && !code.isBlank()) {
			String trimmed = code.strip();
			int slash = trimmed.lastIndexOf('/');
			return "redirect:/verify/"
					+ java.net.URLEncoder.encode(trimmed.substring(slash + 1), java.nio.charset.StandardCharsets.UTF_8);
		}
		return "reporting/verify";
	}

	@GetMapping("/verify/{code}")
	String verify(@PathVariable String code, Model model) {
		model.addAttribute("code", code);
		model.addAttribute("verification", this.certificates.verify(code));
		return "reporting/verify";
	}

}
