package org.yixing.identity;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES §1: legacy roster import with the last 8 of the ID number as first password. */
@ApiTest
class RosterImportApiTests {

	@Autowired
	Api api;

	@Test
	void importedVolunteersLogInWithTheLastEightCharactersAndMustChangeThePassword() {
		String first = IdNumbers.random();
		String second = IdNumbers.random();
		Volunteers.Registered existing = volunteers().register();
		String csv = "\uFEFF姓名,身份证号,手机号\n王小明," + first + "," + IdNumbers.randomPhone() + "\n李小红," + second.toLowerCase()
				+ ",\n坏数据,123456,\n老用户," + existing.idNumber() + ",\n";
		Api.Response imported = importCsv(csv, staffToken());
		assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
		assertThat(imported.body().path("created").asInt()).isEqualTo(2);
		assertThat(imported.body().path("alreadyRegistered").asInt()).isEqualTo(1);
		assertThat(imported.body().path("errors")).hasSize(1);
		assertThat(imported.body().path("errors").get(0).path("line").asInt()).isEqualTo(4);
		assertThat(imported.body().path("errors").get(0).path("code").asString()).isEqualTo("INVALID_ID_NUMBER");

		Api.Response login = this.api.post("/auth/token", Map.of("account", first, "password", first.substring(10)));
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.body().path("mustChangePassword").asBoolean()).isTrue();
		String token = login.field("accessToken");
		assertThat(this.api.get("/me", token).body().path("mustChangePassword").asBoolean()).isTrue();
		assertThat(this.api
			.put("/me/password", Map.of("currentPassword", first.substring(10), "newPassword", "Chosen2027"), token)
			.status()).isEqualTo(204);
		assertThat(this.api.get("/me", token).body().path("mustChangePassword").asBoolean()).isFalse();
		assertThat(volunteers().login(second, second.substring(10))).isNotBlank();
	}

	@Test
	void importingTheSameRosterAgainCreatesNothing() {
		String csv = "张三," + IdNumbers.random() + "\n";
		assertThat(importCsv(csv, staffToken()).body().path("created").asInt()).isEqualTo(1);
		Api.Response again = importCsv(csv, staffToken());
		assertThat(again.body().path("created").asInt()).isZero();
		assertThat(again.body().path("alreadyRegistered").asInt()).isEqualTo(1);
	}

	@Test
	void aRosterCanAlsoBeUploadedAsAFile() {
		byte[] csv = ("赵六," + IdNumbers.random() + "\n").getBytes(StandardCharsets.UTF_8);
		Api.Response imported = this.api.multipart("/admin/account-imports", Map.of(), "file", "roster.csv", csv,
				"text/csv", staffToken());
		assertThat(imported.body().path("created").asInt()).isEqualTo(1);
	}

	@Test
	void onlyStaffImport() {
		Volunteers.Registered volunteer = volunteers().register();
		assertThat(importCsv("a," + IdNumbers.random(), volunteer.token()).code()).isEqualTo("FORBIDDEN");
		assertThat(importCsv("a," + IdNumbers.random(), null).code()).isEqualTo("UNAUTHENTICATED");
	}

	private Api.Response importCsv(String csv, String token) {
		return this.api.send("POST", "/admin/account-imports", csv, token, Map.of("Content-Type", "text/csv"));
	}

	private String staffToken() {
		return volunteers().login(Staff.ID_NUMBER, Staff.PASSWORD);
	}

	private Volunteers volunteers() {
		return new Volunteers(this.api);
	}

}
