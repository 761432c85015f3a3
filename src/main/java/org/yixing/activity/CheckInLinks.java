package org.yixing.activity;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.yixing.shared.web.PublicAddress;

/**
 * The volunteer app's check-in address that a projected QR code carries
 * ({@link PublicAddress}), with the sign-in code and, for 动态二维码, the current token.
 */
@Component
class CheckInLinks {

	private final PublicAddress address;

	CheckInLinks(PublicAddress address) {
		this.address = address;
	}

	/** See {@link PublicAddress#loopback()}. */
	boolean loopback() {
		return this.address.loopback();
	}

	String of(String code, @Nullable String token) {
		UriComponentsBuilder link = UriComponentsBuilder.fromUriString(this.address.base())
			.path("/check-in")
			.queryParam("code", code);
		if (token != null) {
			link.queryParam("t", token);
		}
		return link.build().toUriString();
	}

}
