package org.yixing.identity;

import java.nio.charset.StandardCharsets;
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
		this.api.put("/me/security-question",
				Map.of("question", "最喜欢的颜色？", "answer", "Ultramarine", "currentPassword", Volunteers.PASSWORD),
				volunteer.token());
		String resetCode = volunteers.sendCode(IdNumbers.randomPhone(), "RESET_PASSWORD");
		String phone = IdNumbers.randomPhone();
		String registerCode = volunteers.sendCode(phone, "REGISTER");
		this.api.multipart("/password-resets/id-photo",
				Map.of("idNumber", volunteer.idNumber(), "realName", "测试志愿者", "newPhone", phone), "photo", "a.jpg",
				IdPhotoRecoveryApiTests.JPEG, "image/jpeg", null);

		Stored stored = readAllTables();
		assertThat(stored.text()).contains("测试志愿者");
		for (String secret : List.of(volunteer.idNumber(), volunteer.idNumber().substring(6), volunteer.phone(), phone,
				Volunteers.PASSWORD, "ultramarine", "Ultramarine", volunteer.token(), volunteer.token().substring(3),
				resetCode, registerCode)) {
			assertThat(stored.text()).as("plaintext in a text column").doesNotContain(secret);
			byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
			assertThat(stored.binary()).as("plaintext in a binary column")
				.noneMatch((bytes) -> indexOf(bytes, raw) >= 0);
		}
	}

	/**
	 * Every text-like and binary column of every table; times and ids cannot hide a
	 * secret.
	 */
	private Stored readAllTables() {
		StringBuilder text = new StringBuilder();
		List<byte[]> binary = new java.util.ArrayList<>();
		List<Map<String, Object>> columns = this.jdbc.sql("""
				SELECT quote_ident(table_name) AS t, quote_ident(column_name) AS c, data_type AS type
				FROM information_schema.columns WHERE table_schema = 'public'
				AND data_type IN ('text', 'character', 'character varying', 'jsonb', 'json', 'bytea', 'ARRAY')""")
			.query()
			.listOfRows();
		for (Map<String, Object> column : columns) {
			String sql = "SELECT " + column.get("c") + " FROM " + column.get("t") + " WHERE " + column.get("c")
					+ " IS NOT NULL";
			if ("bytea".equals(column.get("type"))) {
				binary.addAll(this.jdbc.sql(sql).query((rs, n) -> rs.getBytes(1)).list());
			}
			else {
				this.jdbc.sql(sql.replaceFirst("SELECT " + column.get("c"), "SELECT " + column.get("c") + "::text"))
					.query(String.class)
					.list()
					.forEach((value) -> text.append(value).append('\n'));
			}
		}
		return new Stored(text.toString(), binary);
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	record Stored(String text, List<byte[]> binary) {
	}

}
