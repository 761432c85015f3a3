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
 * Without {@code YIXING_DEV_TOOLS} the dev endpoints do not exist; the bootstrap staff
 * account is created once however often the application starts. (The abuse limits, on
 * here, are tested across two nodes in {@code shared/web/AbuseLimitsAcrossNodesTests}.)
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
