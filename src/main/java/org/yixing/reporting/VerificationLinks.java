package org.yixing.reporting;

import org.springframework.stereotype.Component;
import org.yixing.shared.web.PublicAddress;

/** The address printed on a certificate ({@link PublicAddress}). */
@Component
class VerificationLinks {

	private final PublicAddress address;

	VerificationLinks(PublicAddress address) {
		this.address = address;
	}

	String of(String code) {
		return this.address.base() + "/verify/" + code;
	}

}
