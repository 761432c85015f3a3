package org.yixing.sms;

import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES §2 through the HTTP API, with the dev clock. */
@ApiTest
class SmsCodeApiTests {

	@Autowired
	Api api;

	@AfterEach
	void realTime() {
		this.api.delete("/dev/clock", null);
	}

	@Test
	void aSentCodeIsValidForFiveMinutesAndCanBeResentAfterSixtySeconds() {
		Api.Response sent = this.api.post("/sms-codes",
				Map.of("phone", IdNumbers.randomPhone(), "purpose", "REGISTER"));
		assertThat(sent.status()).isEqualTo(202);
		assertThat(sent.body().path("expiresInSeconds").asInt()).isEqualTo(300);
		assertThat(sent.body().path("resendAfterSeconds").asInt()).isEqualTo(60);
	}

	@Test
	void theOutboxShowsTheSixDigitCodeAndItsText() {
		String phone = IdNumbers.randomPhone();
		this.api.post("/sms-codes", Map.of("phone", phone, "purpose", "BIND_PHONE"));
		Api.Response outbox = this.api.get("/dev/sms-outbox?phone=" + phone);
		assertThat(outbox.body()).hasSize(1);
		assertThat(outbox.body().get(0).path("code").asString()).matches("\\d{6}");
		assertThat(outbox.body().get(0).path("purpose").asString()).isEqualTo("BIND_PHONE");
		assertThat(outbox.body().get(0).path("text").asString()).contains(outbox.body().get(0).path("code").asString());
		assertThat(outbox.body().get(0).path("phone").asString()).isEqualTo(phone);
		assertThat(outbox.body().get(0).has("sentAt")).isTrue();
	}

	@Test
	void aSecondCodeWithinSixtySecondsIsTooFrequent() {
		String phone = IdNumbers.randomPhone();
		fixClock("2026-11-25T10:00:00+08:00");
		assertThat(send(phone, "REGISTER").status()).isEqualTo(202);
		fixClock("2026-11-25T10:00:59+08:00");
		Api.Response tooSoon = send(phone, "RESET_PASSWORD");
		assertThat(tooSoon.status()).isEqualTo(429);
		assertThat(tooSoon.code()).isEqualTo("SMS_TOO_FREQUENT");
		fixClock("2026-11-25T10:01:00+08:00");
		assertThat(send(phone, "REGISTER").status()).isEqualTo(202);
	}

	@Test
	void theFourthCodeOfAShanghaiDayIsRefusedUntilTheNextShanghaiDay() {
		String phone = IdNumbers.randomPhone();
		// 07:00 in Shanghai is still the previous day in UTC: the limit must follow
		// Shanghai.
		fixClock("2026-11-25T07:00:00+08:00");
		assertThat(send(phone, "REGISTER").status()).isEqualTo(202);
		fixClock("2026-11-25T07:10:00+08:00");
		assertThat(send(phone, "RESET_PASSWORD").status()).isEqualTo(202);
		fixClock("2026-11-25T09:00:00+08:00");
		assertThat(send(phone, "BIND_PHONE").status()).isEqualTo(202);
		fixClock("2026-11-25T23:59:59+08:00");
		Api.Response fourth = send(phone, "REGISTER");
		assertThat(fourth.status()).isEqualTo(429);
		assertThat(fourth.code()).isEqualTo("SMS_DAILY_LIMIT");
		assertThat(fourth.field("detail")).isEqualTo("验证码获取次数已达今日上限，请次日再试");
		fixClock("2026-11-26T00:00:00+08:00");
		assertThat(send(phone, "REGISTER").status()).isEqualTo(202);
	}

	@Test
	void theDailyLimitCountsPerPhone() {
		String phone = IdNumbers.randomPhone();
		fixClock("2026-11-25T10:00:00+08:00");
		for (int i = 0; i < 3; i++) {
			fixClock("2026-11-25T1%d:00:00+08:00".formatted(i));
			assertThat(send(phone, "REGISTER").status()).isEqualTo(202);
		}
		assertThat(send(phone, "REGISTER").code()).isEqualTo("SMS_DAILY_LIMIT");
		assertThat(send(IdNumbers.randomPhone(), "REGISTER").status()).isEqualTo(202);
	}

	@Test
	void threeWrongEntriesIncludingAnEmptyOneVoidTheCode() {
		String phone = IdNumbers.randomPhone();
		String idNumber = IdNumbers.random();
		String code = new Volunteers(this.api).sendCode(phone, "REGISTER");
		String wrong = code.equals("000000") ? "111111" : "000000";
		assertThat(register(idNumber, phone, wrong).code()).isEqualTo("SMS_CODE_INVALID");
		assertThat(register(idNumber, phone, wrong).code()).isEqualTo("SMS_CODE_INVALID");
		assertThat(register(idNumber, phone, "").code()).isEqualTo("SMS_CODE_INVALID");
		Api.Response right = register(idNumber, phone, code);
		assertThat(right.status()).isEqualTo(400);
		assertThat(right.code()).isEqualTo("SMS_CODE_EXHAUSTED");
		assertThat(register(idNumber, phone, code).code()).isEqualTo("SMS_CODE_EXHAUSTED");
	}

	@Test
	void aMissingCodeCountsAsAWrongEntry() {
		String phone = IdNumbers.randomPhone();
		String code = new Volunteers(this.api).sendCode(phone, "REGISTER");
		Map<String, String> noCode = Map.of("realName", "赵六", "idNumber", IdNumbers.random(), "phone", phone,
				"password", "Secret2026", "regionCode", "420100");
		assertThat(this.api.post("/accounts", noCode).code()).isEqualTo("SMS_CODE_INVALID");
		assertThat(this.api.post("/accounts", noCode).code()).isEqualTo("SMS_CODE_INVALID");
		assertThat(this.api.post("/accounts", noCode).code()).isEqualTo("SMS_CODE_INVALID");
		assertThat(register(IdNumbers.random(), phone, code).code()).isEqualTo("SMS_CODE_EXHAUSTED");
	}

	@Test
	void twoWrongEntriesStillLeaveTheCodeUsable() {
		String phone = IdNumbers.randomPhone();
		String code = new Volunteers(this.api).sendCode(phone, "REGISTER");
		String wrong = code.equals("000000") ? "111111" : "000000";
		register(IdNumbers.random(), phone, wrong);
		register(IdNumbers.random(), phone, "");
		assertThat(register(IdNumbers.random(), phone, code).status()).isEqualTo(201);
	}

	@Test
	void aCodeExpiresAfterFiveMinutes() {
		String phone = IdNumbers.randomPhone();
		fixClock("2026-11-25T10:00:00+08:00");
		String code = new Volunteers(this.api).sendCode(phone, "REGISTER");
		fixClock("2026-11-25T10:05:00+08:00");
		assertThat(register(IdNumbers.random(), phone, code).code()).isEqualTo("SMS_CODE_INVALID");
	}

	@Test
	void aCodeServesOnlyItsPurposeAndOnlyOnce() {
		String phone = IdNumbers.randomPhone();
		String bindCode = new Volunteers(this.api).sendCode(phone, "BIND_PHONE");
		assertThat(register(IdNumbers.random(), phone, bindCode).code()).isEqualTo("SMS_CODE_INVALID");
		this.api.put("/dev/clock", Map.of("now", OffsetDateTime.now().plusMinutes(2).toString()), null);
		String code = new Volunteers(this.api).sendCode(phone, "REGISTER");
		assertThat(register(IdNumbers.random(), phone, code).status()).isEqualTo(201);
		assertThat(register(IdNumbers.random(), phone, code).code()).isIn("SMS_CODE_INVALID", "PHONE_IN_USE");
	}

	@Test
	void onlyTheNewestCodeOfAPurposeCounts() {
		String phone = IdNumbers.randomPhone();
		fixClock("2026-11-25T10:00:00+08:00");
		String first = new Volunteers(this.api).sendCode(phone, "REGISTER");
		fixClock("2026-11-25T10:01:00+08:00");
		String second = new Volunteers(this.api).sendCode(phone, "REGISTER");
		if (!first.equals(second)) {
			assertThat(register(IdNumbers.random(), phone, first).code()).isEqualTo("SMS_CODE_INVALID");
		}
		assertThat(register(IdNumbers.random(), phone, second).status()).isEqualTo(201);
	}

	@Test
	void aBadPhoneOrPurposeIsRefused() {
		assertThat(send("12345", "REGISTER").code()).isEqualTo("INVALID_PHONE");
		assertThat(send(IdNumbers.randomPhone(), "SPAM").status()).isEqualTo(400);
		assertThat(this.api.post("/sms-codes", Map.of("purpose", "REGISTER")).code()).isEqualTo("VALIDATION_FAILED");
	}

	private Api.Response send(String phone, String purpose) {
		return this.api.post("/sms-codes", Map.of("phone", phone, "purpose", purpose));
	}

	private Api.Response register(String idNumber, String phone, String code) {
		return this.api.post("/accounts", Map.of("realName", "赵六", "idNumber", idNumber, "phone", phone, "smsCode",
				code, "password", "Secret2026", "regionCode", "420100"));
	}

	private void fixClock(String now) {
		assertThat(this.api.put("/dev/clock", Map.of("now", now), null).status()).isEqualTo(200);
	}

}
