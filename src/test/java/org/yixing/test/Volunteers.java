package org.yixing.test;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Registers volunteers through the public API, as a phone would. */
public final class Volunteers {

	/** The smallest JPEG an ID-photo recovery accepts: its magic bytes and an end. */
	public static final byte[] ID_PHOTO = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I',
			'F', 0, (byte) 0xFF, (byte) 0xD9 };

	public static final String PASSWORD = "Secret2026";

	private final Api api;

	public Volunteers(Api api) {
		this.api = api;
	}

	/**
	 * Sends a code; when the phone had one less than 60 s ago, first moves the dev clock
	 * on by the wait the API asks for.
	 */
	public String sendCode(String phone, String purpose) {
		Api.Response sent = this.api.post("/sms-codes", Map.of("phone", phone, "purpose", purpose));
		if ("SMS_TOO_FREQUENT".equals(sent.code())) {
			OffsetDateTime now = OffsetDateTime.parse(this.api.get("/dev/clock").field("now"));
			this.api.put("/dev/clock",
					Map.of("now", now.plusSeconds(sent.body().path("retryAfterSeconds").asLong()).toString()), null);
			sent = this.api.post("/sms-codes", Map.of("phone", phone, "purpose", purpose));
		}
		assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
		return latestCode(phone);
	}

	public String latestCode(String phone) {
		return this.api.get("/dev/sms-outbox?phone=" + phone).body().get(0).path("code").asString();
	}

	public Registered register() {
		return register(IdNumbers.random(), IdNumbers.randomPhone());
	}

	public Registered register(String idNumber, String phone) {
		String code = sendCode(phone, "REGISTER");
		Api.Response created = this.api.post("/accounts", Map.of("realName", "测试志愿者", "idNumber", idNumber, "phone",
				phone, "smsCode", code, "password", PASSWORD, "regionCode", "420100"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return new Registered(created.field("id"), idNumber, phone, login(idNumber, PASSWORD));
	}

	public String login(String account, String password) {
		Api.Response token = this.api.post("/auth/token", Map.of("account", account, "password", password));
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		return token.field("accessToken");
	}

	public record Registered(String id, String idNumber, String phone, String token) {
	}

}
