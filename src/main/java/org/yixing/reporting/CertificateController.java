package org.yixing.reporting;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.web.Downloads;

/**
 * The volunteer's certificate (志愿服务记录证明) and its public verification (docs/API.md).
 */
@RestController
@RequestMapping("/api/v1")
class CertificateController {

	private final Certificates certificates;

	private final VerificationLinks links;

	CertificateController(Certificates certificates, VerificationLinks links) {
		this.certificates = certificates;
		this.links = links;
	}

	/**
	 * The caller's certificate as PDF: every record, issued by the platform, or with
	 * {@code organizationId} the records of that organization and those below it, issued
	 * by it. Unchanged records give the same certificate again.
	 */
	@GetMapping("/me/certificate.pdf")
	ResponseEntity<byte[]> certificate(AuthenticatedAccount caller,
			@RequestParam(required = false) @Nullable UUID organizationId) {
		return pdf(this.certificates, this.links, caller, organizationId);
	}

	/**
	 * Anyone may check a certificate: 200 with {@code valid: false} for a code that is
	 * malformed, altered or unknown.
	 */
	@GetMapping("/certificates/{code}")
	ResponseEntity<Certificates.Verification> verify(@PathVariable String code) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(this.certificates.verify(code));
	}

	static ResponseEntity<byte[]> pdf(Certificates certificates, VerificationLinks links, AuthenticatedAccount caller,
			@Nullable UUID organizationId) {
		Certificates.Issued issued = certificates.issue(caller,
				(organizationId != null) ? new OrganizationId(organizationId) : null);
		return Downloads.of(CertificatePdf.render(issued, links.of(issued.code())), MediaType.APPLICATION_PDF,
				"certificate-" + issued.number() + ".pdf");
	}

}
