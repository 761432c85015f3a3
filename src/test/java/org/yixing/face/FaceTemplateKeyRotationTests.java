package org.yixing.face;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.Secrets;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.FaceFixtures;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Face templates after a PII key rotation: re-encryption moves them to the new key in
 * batches, the descriptor unchanged, and the old key opens none of them afterwards.
 */
@ApiTest
class FaceTemplateKeyRotationTests {

	static final byte[] NEW_KEY = "yixing-rotated-face-key-012345678".substring(0, 32)
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
	void templatesMoveToTheNewKeyUnchanged() {
		Volunteers volunteers = new Volunteers(this.api);
		for (String face : new String[] { "sample1-1", "sample2-2", "sample4-4" }) {
			Volunteers.Registered v = volunteers.register();
			assertThat(
					this.api
						.put("/me/face", Map.of("image", FaceFixtures.base64(FaceFixtures.face(face).jpeg()),
								"consentVersion", FaceConsent.CURRENT.version()), v.token())
						.status())
				.isEqualTo(204);
		}
		byte[] old = Base64.getDecoder().decode(this.oldKey);
		Secrets oldOnly = new Secrets(old);
		Map<Object, byte[]> before = this.jdbc.sql("SELECT account_id, template FROM face_templates")
			.query((rs, n) -> Map.entry(rs.getObject("account_id"),
					oldOnly.open(FaceRecognition.PURPOSE, rs.getBytes("template"))))
			.list()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

		FaceSealedData data = new FaceSealedData(this.jdbc, new Secrets(NEW_KEY, old), this.transactions);
		assertThat(data.remaining()).isEqualTo(3);
		assertThat(data.reencrypt(2)).isEqualTo(2);
		assertThat(data.remaining()).isEqualTo(1);
		assertThat(data.reencrypt(2)).isEqualTo(1);
		assertThat(data.remaining()).isZero();

		Secrets newOnly = new Secrets(NEW_KEY);
		this.jdbc.sql("SELECT account_id, template FROM face_templates").query((rs) -> {
			byte[] sealed = rs.getBytes("template");
			assertThat(newOnly.open(FaceRecognition.PURPOSE, sealed)).isEqualTo(before.get(rs.getObject("account_id")));
			assertThatThrownBy(() -> oldOnly.open(FaceRecognition.PURPOSE, sealed))
				.isInstanceOf(IllegalStateException.class);
		});
	}

}
