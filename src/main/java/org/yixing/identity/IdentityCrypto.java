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

	/** The keyed hashes to find an account by (both keys' during a rotation). */
	Secrets.Lookup lookup(IdNumber idNumber) {
		return this.secrets.lookup(ID_NUMBER, idNumber.value());
	}

	/** The keyed hash to store, under the current key. */
	byte[] hash(IdNumber idNumber) {
		return this.secrets.keyedHash(ID_NUMBER, idNumber.value());
	}

	/** The current key's public name, stored beside what it sealed. */
	String keyId() {
		return this.secrets.keyId();
	}

	byte[] seal(IdNumber idNumber) {
		return this.secrets.seal(ID_NUMBER, idNumber.value());
	}

	String openIdNumber(byte[] sealed) {
		return this.secrets.openString(ID_NUMBER, sealed);
	}

	Secrets.Lookup lookup(PhoneNumber phone) {
		return this.secrets.lookup(PHONE, phone.value());
	}

	byte[] hash(PhoneNumber phone) {
		return this.secrets.keyedHash(PHONE, phone.value());
	}

	byte[] seal(PhoneNumber phone) {
		return this.secrets.seal(PHONE, phone.value());
	}

	PhoneNumber openPhone(byte[] sealed) {
		return new PhoneNumber(this.secrets.openString(PHONE, sealed));
	}

	/**
	 * A sealed ID number or phone, opened and sealed and hashed again under the current
	 * key.
	 */
	Resealed resealIdNumber(byte[] sealed) {
		String value = this.secrets.openString(ID_NUMBER, sealed);
		return new Resealed(this.secrets.keyedHash(ID_NUMBER, value), this.secrets.seal(ID_NUMBER, value));
	}

	Resealed resealPhone(byte[] sealed) {
		String value = this.secrets.openString(PHONE, sealed);
		return new Resealed(this.secrets.keyedHash(PHONE, value), this.secrets.seal(PHONE, value));
	}

	byte[] resealPhoto(byte[] sealed) {
		return this.secrets.seal(PHOTO, this.secrets.open(PHOTO, sealed));
	}

	record Resealed(byte[] hash, byte[] sealed) {
	}

	byte[] sealPhoto(byte[] photo) {
		return this.secrets.seal(PHOTO, photo);
	}

	byte[] openPhoto(byte[] sealed) {
		return this.secrets.open(PHOTO, sealed);
	}

}
