package org.yixing.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.Secrets;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PII key rotation: with the new key current and the old one as previous, everything
 * sealed under the old key still opens and is still found; re-encryption moves rows over
 * in batches, can stop and resume, and afterwards the old key is needed for nothing.
 */
@ApiTest
class PiiKeyRotationTests {

	static final byte[] NEW_KEY = "yixing-rotated-pii-key-0123456789".substring(0, 32)
		.getBytes(StandardCharsets.US_ASCII);

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Value("${yixing.pii-key}")
	String oldKey;

	@Test
	void rowsMoveToTheNewKeyInResumableBatchesAndStayReadableThroughout() {
		Volunteers volunteers = new Volunteers(this.api);
		Volunteers.Registered first = volunteers.register();
		Volunteers.Registered second = volunteers.register();
		Volunteers.Registered third = volunteers.register();
		assertThat(
				this.api
					.multipart("/password-resets/id-photo",
							Map.of("idNumber", third.idNumber(), "realName", "测试志愿者", "newPhone",
									IdNumbers.randomPhone()),
							"photo", "a.jpg", IdPhotoRecoveryApiTests.JPEG, "image/jpeg", null)
					.status())
			.isEqualTo(202);

		byte[] old = Base64.getDecoder().decode(this.oldKey);
		IdentityCrypto rotating = new IdentityCrypto(new Secrets(NEW_KEY, old));
		IdentitySealedData data = new IdentitySealedData(this.jdbc, rotating, this.transactions);
		long before = data.remaining();
		assertThat(before).isGreaterThanOrEqualTo(4); // 3 volunteers, staff, the photo
														// request

		// Mid-rotation: old rows are still found and opened through the previous key.
		assertThat(new Accounts(this.jdbc).findByIdNumberHash(rotating.lookup(parse(first.idNumber())))).isPresent();
		// One batch of one row, then stop: the rest waits for the next run.
		assertThat(data.reencrypt(1)).isEqualTo(1);
		assertThat(data.remaining()).isEqualTo(before - 1);
		while (data.reencrypt(2) > 0) {
			// resumes where it stopped
		}
		assertThat(data.remaining()).isZero();

		// The new key alone now finds and opens everything; the old key opens nothing.
		IdentityCrypto newOnly = new IdentityCrypto(new Secrets(NEW_KEY));
		IdentityCrypto oldOnly = new IdentityCrypto(new Secrets(old));
		for (Volunteers.Registered volunteer : new Volunteers.Registered[] { first, second, third }) {
			Account account = new Accounts(this.jdbc).findByIdNumberHash(newOnly.lookup(parse(volunteer.idNumber())))
				.orElseThrow();
			assertThat(account.id().value()).isEqualTo(UUID.fromString(volunteer.id()));
			assertThat(newOnly.openIdNumber(account.idNumberSealed())).isEqualTo(volunteer.idNumber());
			assertThat(newOnly.openPhone(account.phoneSealed()).value()).isEqualTo(volunteer.phone());
			assertThat(new Accounts(this.jdbc)
				.findByPhoneHash(newOnly.lookup(org.yixing.sms.PhoneNumber.parse(volunteer.phone())))).isPresent();
			assertThatThrownBy(() -> oldOnly.openIdNumber(account.idNumberSealed()))
				.isInstanceOf(IllegalStateException.class);
		}
		byte[] photo = this.jdbc.sql("SELECT photo_sealed FROM id_photo_reviews").query(byte[].class).single();
		assertThat(newOnly.openPhoto(photo)).isEqualTo(IdPhotoRecoveryApiTests.JPEG);
	}

	private static IdNumber parse(String idNumber) {
		return IdNumber.parse(idNumber, java.time.LocalDate.of(2026, 11, 26));
	}

}
