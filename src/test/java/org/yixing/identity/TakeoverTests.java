package org.yixing.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No account takeover through a guessed initial password or a stolen token: a roster
 * account's token does nothing but change the password (RULES §1), and what recovers an
 * account changes only with the current password.
 */
@ApiTest
class TakeoverTests {

	@Autowired
	Api api;

	@Test
	void anImportedAccountsTokenMayOnlyReadMeChangeThePasswordAndLogOut() {
		String idNumber = IdNumbers.random();
		Api.Response imported = this.api.send("POST", "/admin/account-imports", "赵六," + idNumber,
				new Organizations(this.api).staffToken(), Map.of("Content-Type", "text/csv"));
		assertThat(imported.body().path("created").asInt()).isEqualTo(1);
		String initial = idNumber.substring(10);
		String token = new Volunteers(this.api).login(idNumber, initial);

		assertThat(this.api.get("/me", token).status()).isEqualTo(200);
		for (Api.Response refused : new Api.Response[] { this.api.put("/me/phone",
				Map.of("phone", IdNumbers.randomPhone(), "smsCode", "123456", "currentPassword", initial), token),
				this.api.put("/me/security-question",
						Map.of("question", "q?", "answer", "a", "currentPassword", initial), token),
				this.api.get("/me/hours", token), this.api.get("/me/sessions", token),
				this.api.post("/organizations", Map.of("name", "x", "regionCode", "420100"), token) }) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
			assertThat(refused.code()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
		}
		assertThat(this.api.get("/me", token).body().path("securityQuestion").isNull()).isTrue();

		assertThat(this.api.put("/me/password", Map.of("currentPassword", initial, "newPassword", "MyOwn2026"), token)
			.status()).isEqualTo(204);
		assertThat(this.api.get("/me/hours", token).status()).isEqualTo(200);
	}

	@Test
	void thePhoneAndTheSecurityQuestionChangeOnlyWithTheCurrentPassword() {
		Volunteers volunteers = new Volunteers(this.api);
		Volunteers.Registered volunteer = volunteers.register();
		String newPhone = IdNumbers.randomPhone();
		String code = volunteers.sendCode(newPhone, "BIND_PHONE");
		Api.Response noPassword = this.api.put("/me/phone", Map.of("phone", newPhone, "smsCode", code),
				volunteer.token());
		assertThat(noPassword.code()).isEqualTo("BAD_CREDENTIALS");
		Api.Response wrongPassword = this.api.put("/me/phone",
				Map.of("phone", newPhone, "smsCode", code, "currentPassword", "Wrong2026"), volunteer.token());
		assertThat(wrongPassword.code()).isEqualTo("BAD_CREDENTIALS");
		assertThat(this.api.put("/me/security-question", Map.of("question", "q?", "answer", "a"), volunteer.token())
			.code()).isEqualTo("BAD_CREDENTIALS");
		assertThat(this.api.get("/me", volunteer.token()).field("phoneMasked"))
			.isEqualTo(volunteer.phone().substring(0, 3) + "****" + volunteer.phone().substring(7));

		// A refused attempt used no SMS code up: the same code still binds the phone.
		assertThat(this.api
			.put("/me/phone", Map.of("phone", newPhone, "smsCode", code, "currentPassword", Volunteers.PASSWORD),
					volunteer.token())
			.status()).isEqualTo(204);
	}

}
