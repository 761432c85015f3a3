package org.yixing.reporting;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.yixing.shared.Secrets;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate signing key after a PII key rotation: moved to the new key, the same
 * key, so that every certificate issued before still verifies.
 */
@ApiTest
class CertificateKeyRotationTests {

	static final byte[] NEW_KEY = "yixing-rotated-cert-key-012345678".substring(0, 32)
		.getBytes(StandardCharsets.US_ASCII);

	@Autowired
	CertificateKeys keys;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Clock clock;

	@Value("${yixing.pii-key}")
	String oldKey;

	@Test
	void theSigningKeyMovesToTheNewKeyUnchanged() {
		CertificateKeys.Code issued = this.keys.newCode();
		byte[] old = Base64.getDecoder().decode(this.oldKey);
		CertificateKeys rotating = new CertificateKeys(this.jdbc, new Secrets(NEW_KEY, old), this.transactions,
				this.clock);
		assertThat(rotating.remaining()).isEqualTo(1);
		assertThat(rotating.reencrypt(10)).isEqualTo(1);
		assertThat(rotating.remaining()).isZero();
		assertThat(rotating.reencrypt(10)).isZero();
		CertificateKeys newOnly = new CertificateKeys(this.jdbc, new Secrets(NEW_KEY), this.transactions, this.clock);
		assertThat(newOnly.codeOf(issued.id())).isEqualTo(issued.text());
	}

}
