package org.yixing.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/** The volunteer's own account: password, phone binding, security question. */
@ApiTest
class AccountSettingsApiTests {

	@Autowired
	Api api;

	@Test
	void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
		Volunteers.Registered volunteer = volunteers().register();
		String otherDevice = volunteers().login(volunteer.phone(), Volunteers.PASSWORD);
		Api.Response wrongCurrent = change(volunteer.token(), "Nope2026x", "Better2027");
		assertThat(wrongCurrent.status()).isEqualTo(401);
		assertThat(wrongCurrent.code()).isEqualTo("BAD_CREDENTIALS");
		assertThat(change(volunteer.token(), Volunteers.PASSWORD, "short1").code()).isEqualTo("WEAK_PASSWORD");
		assertThat(change(volunteer.token(), Volunteers.PASSWORD, "Better2027").status()).isEqualTo(204);
		assertThat(this.api.get("/me", volunteer.token()).status()).isEqualTo(200);
		assertThat(this.api.get("/me", otherDevice).status()).isEqualTo(401);
		assertThat(
				this.api.post("/auth/token", Map.of("account", volunteer.idNumber(), "password", Volunteers.PASSWORD))
					.code())
			.isEqualTo("BAD_CREDENTIALS");
		assertThat(volunteers().login(volunteer.idNumber(), "Better2027")).isNotBlank();
	}

	/**
	 * A stolen token must not be a way to guess the password: wrong current passwords
	 * (phone, security question, password, erasure) count toward the lock-out as wrong
	 * logins do (RULES §1).
	 */
	@Test
	void wrongCurrentPasswordsCountTowardTheLockOut() {
		Volunteers.Registered volunteer = volunteers().register();
		String phone = IdNumbers.randomPhone();
		for (int i = 0; i < 2; i++) {
			assertThat(this.api
				.put("/me/phone", Map.of("phone", phone, "smsCode", "123456", "currentPassword", "Guess" + i + "x2026"),
						volunteer.token())
				.code()).isEqualTo("BAD_CREDENTIALS");
		}
		assertThat(this.api
			.put("/me/security-question", Map.of("question", "问题", "answer", "答案", "currentPassword", "Guess3x2026"),
					volunteer.token())
			.code()).isEqualTo("BAD_CREDENTIALS");
		assertThat(change(volunteer.token(), "Guess4x2026", "Better2027").code()).isEqualTo("BAD_CREDENTIALS");
		assertThat(
				this.api.send("DELETE", "/me", Map.of("password", "Guess5x2026"), volunteer.token(), Map.of()).code())
			.isEqualTo("BAD_CREDENTIALS");
		// Five wrong in a row: locked, the right password included, everywhere.
		Api.Response locked = this.api.send("DELETE", "/me", Map.of("password", Volunteers.PASSWORD), volunteer.token(),
				Map.of());
		assertThat(locked.status()).isEqualTo(423);
		assertThat(locked.code()).isEqualTo("ACCOUNT_LOCKED");
		assertThat(
				this.api.post("/auth/token", Map.of("account", volunteer.idNumber(), "password", Volunteers.PASSWORD))
					.code())
			.isEqualTo("ACCOUNT_LOCKED");
		assertThat(this.api.get("/me", volunteer.token()).field("idNumber")).isEqualTo(volunteer.idNumber());
	}

	@Test
	void aNewPhoneIsBoundWithACodeSentToIt() {
		Volunteers.Registered volunteer = volunteers().register();
		String newPhone = IdNumbers.randomPhone();
		String code = volunteers().sendCode(newPhone, "BIND_PHONE");
		Api.Response bound = this.api.put("/me/phone",
				Map.of("phone", newPhone, "smsCode", code, "currentPassword", Volunteers.PASSWORD), volunteer.token());
		assertThat(bound.status()).isEqualTo(204);
		assertThat(this.api.get("/me", volunteer.token()).field("phoneMasked"))
			.isEqualTo(newPhone.substring(0, 3) + "****" + newPhone.substring(7));
		assertThat(volunteers().login(newPhone, Volunteers.PASSWORD)).isNotBlank();
		assertThat(this.api.post("/auth/token", Map.of("account", volunteer.phone(), "password", Volunteers.PASSWORD))
			.code()).isEqualTo("BAD_CREDENTIALS");
	}

	@Test
	void aWrongCodeOrAPhoneOfAnotherAccountIsRefused() {
		Volunteers.Registered volunteer = volunteers().register();
		Volunteers.Registered other = volunteers().register();
		String newPhone = IdNumbers.randomPhone();
		String code = volunteers().sendCode(newPhone, "BIND_PHONE");
		String wrong = code.equals("999999") ? "888888" : "999999";
		assertThat(this.api
			.put("/me/phone", Map.of("phone", newPhone, "smsCode", wrong, "currentPassword", Volunteers.PASSWORD),
					volunteer.token())
			.code()).isEqualTo("SMS_CODE_INVALID");
		assertThat(this.api
			.put("/me/phone",
					Map.of("phone", other.phone(), "smsCode", "123456", "currentPassword", Volunteers.PASSWORD),
					volunteer.token())
			.code()).isEqualTo("PHONE_IN_USE");
	}

	@Test
	void theSecurityQuestionIsSetByTheOwnerAndReadableForRecovery() {
		Volunteers.Registered volunteer = volunteers().register();
		Api.Response set = this.api.put("/me/security-question",
				Map.of("question", "我的小学校名？", "answer", "光谷一小", "currentPassword", Volunteers.PASSWORD),
				volunteer.token());
		assertThat(set.status()).isEqualTo(204);
		assertThat(this.api.post("/password-resets/security-question/lookup", Map.of("idNumber", volunteer.idNumber()))
			.field("question")).isEqualTo("我的小学校名？");
		assertThat(this.api.put("/me/security-question", Map.of("question", "q"), volunteer.token()).code())
			.isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void settingsNeedAToken() {
		assertThat(this.api.put("/me/password", Map.of("currentPassword", "a", "newPassword", "b"), null).status())
			.isEqualTo(401);
		assertThat(this.api.put("/me/phone", Map.of("phone", "13800000001"), null).status()).isEqualTo(401);
	}

	private Api.Response change(String token, String current, String next) {
		return this.api.put("/me/password", Map.of("currentPassword", current, "newPassword", next), token);
	}

	private Volunteers volunteers() {
		return new Volunteers(this.api);
	}

}
