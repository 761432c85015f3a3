package org.yixing.identity;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RULES §1–2: no plaintext ID number, phone, password, security answer, SMS code or token
 * anywhere in the database. Every row of every table is read as text and searched.
 */
@ApiTest
class PersonalDataAtRestTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Test
	void noSecretOrIdentifierIsStoredInTheClear() {
		Volunteers volunteers = new Volunteers(this.api);
		Volunteers.Registered volunteer = volunteers.register();
		this.api.put("/me/security-question", Map.of("question", "最喜欢的颜色？", "answer", "Ultramarine"),
				volunteer.token());
		String resetCode = volunteers.sendCode(IdNumbers.randomPhone(), "RESET_PASSWORD");
		String phone = IdNumbers.randomPhone();
		String registerCode = volunteers.sendCode(phone, "REGISTER");
		this.api.multipart("/password-resets/id-photo",
				Map.of("idNumber", volunteer.idNumber(), "realName", "测试志愿者", "newPhone", phone), "photo", "a.jpg",
				IdPhotoRecoveryApiTests.JPEG, "image/jpeg", null);

		String everything = dumpAllTables();
		assertThat(everything).contains("测试志愿者");
		for (String secret : List.of(volunteer.idNumber(),
				volunteer.idNumber().substring(6, 14) + volunteer.idNumber().substring(14), volunteer.phone(), phone,
				Volunteers.PASSWORD, "ultramarine", "Ultramarine", volunteer.token(), volunteer.token().substring(3),
				resetCode, registerCode)) {
			assertThat(everything).as("plaintext found").doesNotContain(secret);
			assertThat(everything).as("hex-encoded plaintext found")
				.doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
		}
	}

	private String dumpAllTables() {
		StringBuilder all = new StringBuilder();
		List<String> tables = this.jdbc.sql("SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'")
			.query(String.class)
			.list();
		for (String table : tables) {
			this.jdbc.sql("SELECT t::text FROM " + table + " t")
				.query(String.class)
				.list()
				.forEach((row) -> all.append(row).append('\n'));
		}
		return all.toString();
	}

}
