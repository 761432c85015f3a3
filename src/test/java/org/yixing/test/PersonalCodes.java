package org.yixing.test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.yixing.presence.PersonalCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A volunteer's phone with its personal-code key (我的签到码), and an admin's scanning phone
 * uploading scans, through the API.
 */
public final class PersonalCodes {

	private final Api api;

	public PersonalCodes(Api api) {
		this.api = api;
	}

	/** A key issued to the volunteer's (new) device. */
	public Key issue(String volunteerToken) {
		Api.Response issued = this.api.post("/me/presence-key", Map.of(), volunteerToken);
		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		return new Key(issued.field("keyId"), Base64.getUrlDecoder().decode(issued.field("secret")));
	}

	/** One scan of {@code code} made at {@code scannedAt} by the phone's clock. */
	public static Map<String, Object> scan(String code, OffsetDateTime scannedAt) {
		return Map.of("scanId", UUID.randomUUID().toString(), "code", code, "scannedAt", scannedAt.toString());
	}

	public Api.Response upload(Api node, String activityId, String adminToken, OffsetDateTime deviceNow,
			List<Map<String, Object>> scans) {
		return node.post("/activities/" + activityId + "/scans",
				Map.of("deviceNow", deviceNow.toString(), "scans", new ArrayList<>(scans)), adminToken);
	}

	public Api.Response upload(String activityId, String adminToken, OffsetDateTime deviceNow,
			List<Map<String, Object>> scans) {
		return upload(this.api, activityId, adminToken, deviceNow, scans);
	}

	/** What the phone holding the key shows at {@code at} (the application's time). */
	public record Key(String keyId, byte[] secret) {

		public String codeAt(Instant at) {
			return PersonalCode.of(this.keyId, this.secret, PersonalCode.stepAt(at)).text();
		}

		public String codeAt(OffsetDateTime at) {
			return codeAt(at.toInstant());
		}

	}

}
