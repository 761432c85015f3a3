package org.yixing.identity;

import org.springframework.stereotype.Component;
import org.yixing.shared.Secrets;
import org.yixing.sms.PhoneNumber;

/**
 * How identity keeps personal data (RULES §1): keyed hashes to find an ID number or
 * phone, AES-GCM to hold it, masks to show it.
 */
@Component
class IdentityCrypto {

	private static final String ID_NUMBER = "identity.id-number";

	private static final String PHONE = "identity.phone";

	private static final String PHOTO = "identity.id-photo";

	private final Secrets secrets;

	IdentityCrypto(Secrets secrets) {
		this.secrets = secrets;
	}

	byte[] lookup(IdNumber idNumber) {
		return this.secrets.keyedHash(ID_NUMBER, idNumber.value());
	}

	byte[] seal(IdNumber idNumber) {
		return this.secrets.seal(ID_NUMBER, idNumber.value());
	}

	String openIdNumber(byte[] sealed) {
		return this.secrets.openString(ID_NUMBER, sealed);
	}

	byte[] lookup(PhoneNumber phone) {
		return this.secrets.keyedHash(PHONE, phone.value());
	}

	byte[] seal(PhoneNumber phone) {
		return this.secrets.seal(PHONE, phone.value());
	}

	PhoneNumber openPhone(byte[] sealed) {
		return new PhoneNumber(this.secrets.openString(PHONE, sealed));
	}

	byte[] sealPhoto(byte[] photo) {
		return this.secrets.seal(PHOTO, photo);
	}

	byte[] openPhoto(byte[] sealed) {
		return this.secrets.open(PHOTO, sealed);
	}

}
