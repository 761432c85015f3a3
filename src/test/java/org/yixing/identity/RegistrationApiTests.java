package org.yixing.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Race;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES §1 registration through POST /api/v1/accounts. */
@ApiTest
class RegistrationApiTests {

	@Autowired
	Api api;

	@Test
	void registrationAnswersWithMaskedPersonalData() {
		String phone = IdNumbers.randomPhone();
		String code = volunteers().sendCode(phone, "REGISTER");
		Api.Response created = this.api.post("/accounts", Map.of("realName", "张三", "idNumber", "110105199901010059",
				"phone", phone, "smsCode", code, "password", "Secret2026", "regionCode", "420100"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.field("id")).isNotBlank();
		assertThat(created.field("realName")).isEqualTo("张三");
		assertThat(created.field("idNumberMasked")).isEqualTo("1101**********0059");
		assertThat(created.field("phoneMasked")).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
		assertThat(created.field("regionCode")).isEqualTo("420100");
		assertThat(created.text()).doesNotContain("110105199901010059").doesNotContain(phone);
	}

	@Test
	void aLowerCaseXIsAcceptedAndStoredUpperCase() {
		String upper = findIdEndingInX();
		Volunteers.Registered volunteer = volunteers().register(upper.toLowerCase(), IdNumbers.randomPhone());
		assertThat(this.api.get("/me", volunteer.token()).field("idNumber")).isEqualTo(upper);
		assertThat(volunteers().login(upper, Volunteers.PASSWORD)).isNotBlank();
		assertThat(volunteers().login(upper.toLowerCase(), Volunteers.PASSWORD)).isNotBlank();
	}

	@Test
	void aFifteenDigitNumberIsConvertedToEighteenDigits() {
		Volunteers.Registered volunteer = volunteers().register("420111850101123", IdNumbers.randomPhone());
		assertThat(this.api.get("/me", volunteer.token()).field("idNumber")).isEqualTo("420111198501011234");
		Api.Response again = register("420111198501011234", IdNumbers.randomPhone(), "Secret2026", "420100");
		assertThat(again.code()).isEqualTo("ALREADY_REGISTERED");
	}

	@Test
	void anIdNumberRegisteredBeforeIsRefused() {
		Volunteers.Registered first = volunteers().register();
		Api.Response second = register(first.idNumber(), IdNumbers.randomPhone(), "Secret2026", "420100");
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.code()).isEqualTo("ALREADY_REGISTERED");
		assertThat(second.field("detail")).isEqualTo("该用户已注册，请直接登录");
		assertThat(second.contentType()).startsWith("application/problem+json");
	}

	@Test
	void aPhoneBoundToAnotherAccountIsRefused() {
		Volunteers.Registered first = volunteers().register();
		Api.Response second = register(IdNumbers.random(), first.phone(), "Secret2026", "420100");
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.code()).isEqualTo("PHONE_IN_USE");
	}

	@Test
	void eachBrokenRuleHasItsOwnCode() {
		assertThat(register("420111200103150027", IdNumbers.randomPhone(), "Secret2026", "420100").code())
			.isEqualTo("INVALID_ID_NUMBER");
		assertThat(
				this.api
					.post("/accounts",
							Map.of("realName", "张三", "idNumber", IdNumbers.random(), "phone", "2345", "smsCode",
									"123456", "password", "Secret2026", "regionCode", "420100"))
					.code())
			.isEqualTo("INVALID_PHONE");
		assertThat(register(IdNumbers.random(), IdNumbers.randomPhone(), "password", "420100").code())
			.isEqualTo("WEAK_PASSWORD");
		assertThat(register(IdNumbers.random(), IdNumbers.randomPhone(), "Secret2026", "999999").code())
			.isEqualTo("INVALID_REGION");
		Api.Response invalid = this.api.post("/accounts", Map.of("idNumber", "x"));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(invalid.body().path("errors").has("realName")).isTrue();
		assertThat(invalid.body().path("errors").has("password")).isTrue();
	}

	@Test
	void messagesFollowAcceptLanguage() {
		Map<String, String> body = Map.of("realName", "A", "idNumber", "123", "phone", "13800000009", "password",
				"Secret2026", "regionCode", "420100");
		Api.Response zh = this.api.post("/accounts", body);
		Api.Response en = this.api.send("POST", "/accounts", body, null, Map.of("Accept-Language", "en-US,en;q=0.9"));
		assertThat(zh.field("detail")).isEqualTo("身份证号码格式不正确");
		assertThat(en.field("detail")).isEqualTo("The ID number is not valid");
		assertThat(en.code()).isEqualTo("INVALID_ID_NUMBER");
	}

	@Test
	void ofTwoParallelRegistrationsOfOneIdNumberExactlyOneSucceeds() {
		for (int round = 0; round < 5; round++) {
			String idNumber = IdNumbers.random();
			List<Map<String, String>> bodies = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				String phone = IdNumbers.randomPhone();
				bodies.add(Map.of("realName", "并发", "idNumber", idNumber, "phone", phone, "smsCode",
						volunteers().sendCode(phone, "REGISTER"), "password", "Secret2026", "regionCode", "420100"));
			}
			List<Api.Response> responses = Race.of(bodies.size(), (i) -> this.api.post("/accounts", bodies.get(i)));
			assertThat(responses).filteredOn((r) -> r.status() == 201).hasSize(1);
			assertThat(responses).filteredOn((r) -> r.status() != 201)
				.allSatisfy((r) -> assertThat(r.code()).isEqualTo("ALREADY_REGISTERED"));
		}
	}

	private Api.Response register(String idNumber, String phone, String password, String region) {
		return this.api.post("/accounts", Map.of("realName", "张三", "idNumber", idNumber, "phone", phone, "smsCode",
				volunteers().sendCode(phone, "REGISTER"), "password", password, "regionCode", region));
	}

	private Volunteers volunteers() {
		return new Volunteers(this.api);
	}

	private static String findIdEndingInX() {
		for (int seq = 0; seq < 1000; seq++) {
			String first17 = "42010219900101" + "%03d".formatted(seq);
			if (IdNumber.checkCharacter(first17) == 'X') {
				return first17 + "X";
			}
		}
		throw new IllegalStateException();
	}

}
