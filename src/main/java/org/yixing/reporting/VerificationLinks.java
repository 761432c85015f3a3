package org.yixing.reporting;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address printed on a certificate: {@code YIXING_PUBLIC_URL} when set (behind a
 * reverse proxy, the address volunteers use), else the address the request came to.
 */
@Component
class VerificationLinks {

	private final String publicUrl;

	VerificationLinks(@Value("${yixing.public-url:}") String publicUrl) {
		this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
	}

	String of(String code) {
		String base = this.publicUrl.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()
				: this.publicUrl;
		return base + "/verify/" + code;
	}

}
