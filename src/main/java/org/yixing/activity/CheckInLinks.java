package org.yixing.activity;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The volunteer app's check-in address that a projected QR code carries:
 * {@code YIXING_PUBLIC_URL} when set, else the address the request came to, with the
 * sign-in code and, for 动态二维码, the current token.
 */
@Component
class CheckInLinks {

	private final String publicUrl;

	CheckInLinks(@Value("${yixing.public-url:}") String publicUrl) {
		this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
	}

	String of(String code, @Nullable String token) {
		String base = this.publicUrl.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()
				: this.publicUrl;
		UriComponentsBuilder link = UriComponentsBuilder.fromUriString(base).path("/check-in").queryParam("code", code);
		if (token != null) {
			link.queryParam("t", token);
		}
		return link.build().toUriString();
	}

}
