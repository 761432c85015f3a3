package org.yixing.identity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES §1 login, lock-out and logout through /api/v1/auth/token. */
@ApiTest
class LoginApiTests {

	@Autowired
	Api api;

	@AfterEach
	void realTime() {
		this.api.delete("/dev/clock", null);
	}

	@Test
	void loginByIdNumberOrPhoneGivesABearerTokenForSevenDays() {
		Volunteers.Registered volunteer = volunteers().register();
		for (String account : new String[] { volunteer.idNumber(), volunteer.phone() }) {
			Api.Response token = login(account, Volunteers.PASSWORD);
			assertThat(token.status()).isEqualTo(200);
			assertThat(token.field("tokenType")).isEqualTo("Bearer");
			assertThat(token.body().path("expiresIn").asLong()).isEqualTo(604800);
			assertThat(token.body().path("mustChangePassword").asBoolean()).isFalse();
			Api.Response me = this.api.get("/me", token.field("accessToken"));
			assertThat(me.status()).isEqualTo(200);
			assertThat(me.field("id")).isEqualTo(volunteer.id());
		}
	}

	@Test
	void meShowsTheOwnerTheirFullIdNumberAndEverythingElseMasked() {
		Volunteers.Registered volunteer = volunteers().register();
		Api.Response me = this.api.get("/me", volunteer.token());
		assertThat(me.field("idNumber")).isEqualTo(volunteer.idNumber());
		assertThat(me.field("idNumberMasked"))
			.isEqualTo(volunteer.idNumber().substring(0, 4) + "**********" + volunteer.idNumber().substring(14));
		assertThat(me.field("phoneMasked")).contains("****");
		assertThat(me.field("realName")).isEqualTo("测试志愿者");
		assertThat(me.field("regionCode")).isEqualTo("420100");
		assertThat(me.body().path("roles").toString()).contains("VOLUNTEER");
		assertThat(me.body().has("mustChangePassword")).isTrue();
	}

	@Test
	void aWrongPasswordOrUnknownAccountIsBadCredentials() {
		Volunteers.Registered volunteer = volunteers().register();
		Api.Response wrong = login(volunteer.idNumber(), "Wrong2026x");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("BAD_CREDENTIALS");
		assertThat(login(IdNumbers.random(), "Secret2026").code()).isEqualTo("BAD_CREDENTIALS");
		assertThat(login("nobody", "Secret2026").code()).isEqualTo("BAD_CREDENTIALS");
	}

	@Test
	void fiveWrongPasswordsInARowLockTheAccountForFifteenMinutes() {
		Volunteers.Registered volunteer = volunteers().register();
		fixClock(OffsetDateTime.parse("2026-11-25T10:00:00+08:00"));
		for (int i = 1; i <= 5; i++) {
			Api.Response wrong = login(volunteer.idNumber(), "Wrong2026x");
			assertThat(wrong.status()).isEqualTo(401);
			assertThat(wrong.code()).isEqualTo("BAD_CREDENTIALS");
		}
		Api.Response rightButLocked = login(volunteer.phone(), Volunteers.PASSWORD);
		assertThat(rightButLocked.status()).isEqualTo(423);
		assertThat(rightButLocked.code()).isEqualTo("ACCOUNT_LOCKED");
		assertThat(rightButLocked.field("detail")).contains("15");
		fixClock(OffsetDateTime.parse("2026-11-25T10:14:59+08:00"));
		assertThat(login(volunteer.idNumber(), Volunteers.PASSWORD).code()).isEqualTo("ACCOUNT_LOCKED");
		fixClock(OffsetDateTime.parse("2026-11-25T10:15:00+08:00"));
		assertThat(login(volunteer.idNumber(), Volunteers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void aSuccessfulLoginResetsTheCountOfWrongPasswords() {
		Volunteers.Registered volunteer = volunteers().register();
		for (int i = 0; i < 4; i++) {
			login(volunteer.idNumber(), "Wrong2026x");
		}
		assertThat(login(volunteer.idNumber(), Volunteers.PASSWORD).status()).isEqualTo(200);
		for (int i = 0; i < 4; i++) {
			assertThat(login(volunteer.idNumber(), "Wrong2026x").code()).isEqualTo("BAD_CREDENTIALS");
		}
	}

	@Test
	void logoutRevokesTheTokenAndOnlyThatToken() {
		Volunteers.Registered volunteer = volunteers().register();
		String other = volunteers().login(volunteer.phone(), Volunteers.PASSWORD);
		assertThat(this.api.delete("/auth/token", volunteer.token()).status()).isEqualTo(204);
		Api.Response after = this.api.get("/me", volunteer.token());
		assertThat(after.status()).isEqualTo(401);
		assertThat(after.code()).isEqualTo("UNAUTHENTICATED");
		assertThat(this.api.get("/me", other).status()).isEqualTo(200);
	}

	@Test
	void aTokenUnusedForSevenDaysExpiresAndUseExtendsIt() {
		Volunteers.Registered volunteer = volunteers().register();
		Instant start = Instant.now();
		fixClock(OffsetDateTime.ofInstant(start.plusSeconds(6 * 86400), ZoneOffset.ofHours(8)));
		assertThat(this.api.get("/me", volunteer.token()).status()).isEqualTo(200);
		fixClock(OffsetDateTime.ofInstant(start.plusSeconds(12 * 86400), ZoneOffset.ofHours(8)));
		assertThat(this.api.get("/me", volunteer.token()).status()).isEqualTo(200);
		fixClock(OffsetDateTime.ofInstant(start.plusSeconds(19 * 86400 + 1), ZoneOffset.ofHours(8)));
		assertThat(this.api.get("/me", volunteer.token()).status()).isEqualTo(401);
	}

	@Test
	void aMissingOrForgedTokenIsUnauthenticated() {
		assertThat(this.api.get("/me").code()).isEqualTo("UNAUTHENTICATED");
		assertThat(this.api.get("/me", "yx_forged").code()).isEqualTo("UNAUTHENTICATED");
		assertThat(this.api.delete("/auth/token", null).status()).isEqualTo(401);
	}

	private Api.Response login(String account, String password) {
		return this.api.post("/auth/token", Map.of("account", account, "password", password));
	}

	private void fixClock(OffsetDateTime now) {
		assertThat(this.api.put("/dev/clock", Map.of("now", now.toString()), null).status()).isEqualTo(200);
	}

	private Volunteers volunteers() {
		return new Volunteers(this.api);
	}

}
