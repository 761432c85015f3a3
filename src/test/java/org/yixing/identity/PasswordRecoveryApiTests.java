package org.yixing.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES §3: recovery by SMS and by security question. */
@ApiTest
class PasswordRecoveryApiTests {

	@Autowired
	Api api;

	@Test
	void aCodeToTheBoundPhoneResetsThePasswordAndEndsAllSessions() {
		Volunteers.Registered volunteer = volunteers().register();
		String code = volunteers().sendCode(volunteer.phone(), "RESET_PASSWORD");
		Api.Response reset = this.api.post("/password-resets/sms", Map.of("idNumber", volunteer.idNumber(), "phone",
				volunteer.phone(), "smsCode", code, "newPassword", "Reset2027"));
		assertThat(reset.status()).isEqualTo(204);
		assertThat(this.api.get("/me", volunteer.token()).status()).isEqualTo(401);
		assertThat(volunteers().login(volunteer.idNumber(), "Reset2027")).isNotBlank();
	}

	@Test
	void aResetLiftsALockOut() {
		Volunteers.Registered volunteer = volunteers().register();
		for (int i = 0; i < 5; i++) {
			this.api.post("/auth/token", Map.of("account", volunteer.idNumber(), "password", "Wrong2026x"));
		}
		String code = volunteers().sendCode(volunteer.phone(), "RESET_PASSWORD");
		this.api.post("/password-resets/sms", Map.of("idNumber", volunteer.idNumber(), "phone", volunteer.phone(),
				"smsCode", code, "newPassword", "Reset2027"));
		assertThat(volunteers().login(volunteer.idNumber(), "Reset2027")).isNotBlank();
	}

	@Test
	void aPhoneThatIsNotBoundToTheIdNumberCannotReset() {
		Volunteers.Registered volunteer = volunteers().register();
		String otherPhone = IdNumbers.randomPhone();
		String code = volunteers().sendCode(otherPhone, "RESET_PASSWORD");
		Api.Response reset = this.api.post("/password-resets/sms", Map.of("idNumber", volunteer.idNumber(), "phone",
				otherPhone, "smsCode", code, "newPassword", "Reset2027"));
		assertThat(reset.status()).isEqualTo(404);
		assertThat(volunteers().login(volunteer.idNumber(), Volunteers.PASSWORD)).isNotBlank();
	}

	@Test
	void aCodeForAnotherPurposeCannotReset() {
		Volunteers.Registered volunteer = volunteers().register();
		String code = volunteers().sendCode(volunteer.phone(), "BIND_PHONE");
		Api.Response reset = this.api.post("/password-resets/sms", Map.of("idNumber", volunteer.idNumber(), "phone",
				volunteer.phone(), "smsCode", code, "newPassword", "Reset2027"));
		assertThat(reset.code()).isEqualTo("SMS_CODE_INVALID");
	}

	@Test
	void theRightSecurityAnswerResetsThePasswordWhateverItsCaseAndSpaces() {
		Volunteers.Registered volunteer = volunteers().register();
		this.api.put("/me/security-question", Map.of("question", "Favourite book?", "answer", "Journey to the West",
				"currentPassword", Volunteers.PASSWORD), volunteer.token());
		Api.Response wrong = answer(volunteer.idNumber(), "Dream of the Red Chamber");
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.code()).isEqualTo("SECURITY_ANSWER_INCORRECT");
		assertThat(answer(volunteer.idNumber(), "  journey  TO the west ").status()).isEqualTo(204);
		assertThat(volunteers().login(volunteer.idNumber(), "Reset2027")).isNotBlank();
	}

	@Test
	void wrongSecurityAnswersCountTowardsTheLockOut() {
		Volunteers.Registered volunteer = volunteers().register();
		this.api.put("/me/security-question",
				Map.of("question", "q?", "answer", "right", "currentPassword", Volunteers.PASSWORD), volunteer.token());
		for (int i = 0; i < 5; i++) {
			assertThat(answer(volunteer.idNumber(), "wrong").code()).isEqualTo("SECURITY_ANSWER_INCORRECT");
		}
		assertThat(answer(volunteer.idNumber(), "right").code()).isEqualTo("ACCOUNT_LOCKED");
	}

	@Test
	void withoutASecurityQuestionThereIsNothingToAnswer() {
		Volunteers.Registered volunteer = volunteers().register();
		assertThat(lookUp(volunteer.idNumber()).status()).isEqualTo(404);
		assertThat(answer(volunteer.idNumber(), "x").status()).isEqualTo(404);
		assertThat(lookUp("123").code()).isEqualTo("INVALID_ID_NUMBER");
		assertThat(this.api.post("/password-resets/security-question/lookup", Map.of()).code())
			.isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void theSecurityQuestionIsLookedUpWithTheIdNumberInTheBodyAndTheFormerGetIsGone() {
		Volunteers.Registered volunteer = volunteers().register();
		this.api.put("/me/security-question",
				Map.of("question", "我的小学校名？", "answer", "光谷一小", "currentPassword", Volunteers.PASSWORD),
				volunteer.token());
		assertThat(lookUp(volunteer.idNumber()).field("question")).isEqualTo("我的小学校名？");
		Api.Response gone = this.api.get("/password-resets/security-question?idNumber=" + volunteer.idNumber());
		assertThat(gone.status()).isEqualTo(410);
		assertThat(gone.contentType()).startsWith("application/problem+json");
		assertThat(gone.code()).isEqualTo("ENDPOINT_GONE");
		assertThat(gone.body().path("successor").asString())
			.isEqualTo("POST /api/v1/password-resets/security-question/lookup");
		assertThat(gone.text()).doesNotContain("我的小学校名", volunteer.idNumber());
	}

	private Api.Response lookUp(String idNumber) {
		return this.api.post("/password-resets/security-question/lookup", Map.of("idNumber", idNumber));
	}

	private Api.Response answer(String idNumber, String answer) {
		return this.api.post("/password-resets/security-question",
				Map.of("idNumber", idNumber, "answer", answer, "newPassword", "Reset2027"));
	}

	private Volunteers volunteers() {
		return new Volunteers(this.api);
	}

}
