package org.yixing.presence;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.Secrets;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.PersonalCodes;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal-code keys after a PII key rotation: re-encryption moves them to the new key,
 * the secret unchanged, so that the codes the phones already make keep working.
 */
@ApiTest
class PresenceKeyRotationTests {

	static final byte[] NEW_KEY = "yixing-rotated-presence-key-0123".getBytes(StandardCharsets.US_ASCII);

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Value("${yixing.pii-key}")
	String oldKey;

	@Test
	void keysMoveToTheNewKeyAndThePhonesCodesStillCheckIn() {
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		PersonalCodes codes = new PersonalCodes(this.api);
		PersonalCodes.Key key = codes.issue(volunteer.token());
		byte[] old = Base64.getDecoder().decode(this.oldKey);
		Secrets rotating = new Secrets(NEW_KEY, old);
		PresenceSealedData data = new PresenceSealedData(this.jdbc, rotating, this.transactions);
		assertThat(data.remaining()).isPositive();
		while (data.reencrypt(2) > 0) {
			// batch by batch
		}
		assertThat(data.remaining()).isZero();
		byte[] sealed = this.jdbc.sql("SELECT secret FROM presence_keys WHERE id = ?")
			.param(key.keyId())
			.query(byte[].class)
			.single();
		assertThat(new Secrets(NEW_KEY).open(PresenceKeys.PURPOSE, sealed)).isEqualTo(key.secret());

		// A node with both keys, as during the rotation, verifies the phone's codes.
		java.time.Instant now = java.time.Instant.parse("2026-11-25T02:05:00Z");
		PresenceKeys afterRotation = new PresenceKeys(this.jdbc, rotating, java.time.Clock.systemUTC());
		assertThat(afterRotation.verify(key.codeAt(now), now)).isPresent();
	}

}
