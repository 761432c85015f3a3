package org.yixing.activity;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.yixing.shared.web.PublicAddress;

/**
 * The volunteer app's addresses that a QR code carries ({@link PublicAddress}): the
 * check-in page with the sign-in code and, for 动态二维码, the current token; an activity's
 * page, for recruiting.
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

	/** The activity's page in the volunteer app, which anyone may open (报名海报). */
	String activity(ActivityId id) {
		return UriComponentsBuilder.fromUriString(this.address.base())
			.path("/activities/" + id.value())
			.build()
			.toUriString();
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
