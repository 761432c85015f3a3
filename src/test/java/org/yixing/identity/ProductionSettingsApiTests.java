package org.yixing.identity;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.yixing.shared.ApplicationClock;
import org.yixing.test.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code YIXING_DEV_TOOLS} the dev endpoints do not exist; abuse limits are on;
 * the bootstrap staff account is created once however often the application starts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "yixing.dev-tools=false", "yixing.abuse-limits=true",
				"yixing.bootstrap.staff.id-number=440305199001017770", "yixing.bootstrap.staff.password=Boot2026x",
				"yixing.bootstrap.staff.name=运维管理员", "yixing.bootstrap.staff.phone=13700000000" })
@ActiveProfiles("test")
@Import(Api.class)
class ProductionSettingsApiTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IdentityStartup startup;

	@Autowired
	ApplicationClock clock;

	@Test
	void devToolsAreNotFoundWhenOff() {
		assertThat(this.api.get("/dev/sms-outbox?phone=13800000000").status()).isEqualTo(404);
		assertThat(this.api.put("/dev/clock", Map.of("now", "2030-01-01T00:00:00+08:00"), null).status())
			.isEqualTo(404);
		assertThat(this.api.delete("/dev/clock", null).status()).isEqualTo(404);
		assertThat(this.api.get("/dev/clock").code()).isEqualTo("NOT_FOUND");
	}

	@Test
	void aFloodOfLoginsFromOneAddressIsSlowedDown() {
		this.clock.fixAt(Instant.parse("2026-11-25T02:00:10Z"));
		int tooMany = 0;
		for (int i = 0; i < 40; i++) {
			Api.Response response = this.api.post("/auth/token", Map.of("account", "13600000000", "password", "x"));
			if (response.status() == 429) {
				assertThat(response.code()).isEqualTo("TOO_MANY_REQUESTS");
				tooMany++;
			}
		}
		assertThat(tooMany).isEqualTo(10);
		assertThat(this.api.get("/regions").status()).isEqualTo(200);
		this.clock.fixAt(Instant.parse("2026-11-25T02:01:00Z"));
		assertThat(this.api.post("/auth/token", Map.of("account", "13600000000", "password", "x")).code())
			.isEqualTo("BAD_CREDENTIALS");
		this.clock.release();
	}

	@Test
	void theBootstrapStaffAccountIsCreatedOnceAndCanLogIn() throws Exception {
		this.startup.run(new DefaultApplicationArguments());
		this.startup.run(new DefaultApplicationArguments());
		assertThat(this.jdbc.sql("SELECT count(*) FROM accounts WHERE origin = 'BOOTSTRAP' AND real_name = '运维管理员'")
			.query(Long.class)
			.single()).isEqualTo(1);
		Api.Response token = this.api.post("/auth/token", Map.of("account", "13700000000", "password", "Boot2026x"));
		assertThat(token.status()).isEqualTo(200);
		assertThat(this.api.get("/me", token.field("accessToken")).body().path("roles").toString()).contains("STAFF");
	}

}
