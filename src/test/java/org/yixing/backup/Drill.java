package org.yixing.backup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.YixingApplication;
import org.yixing.test.Api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Yixing of its own for a restore drill: its own data folder (embedded PostgreSQL and a
 * generated PII key) and backup folder, started and stopped by the test.
 */
final class Drill implements AutoCloseable {

	static final String PASSPHRASE = "correct horse battery staple";

	final ConfigurableApplicationContext context;

	final Api api;

	final JdbcClient jdbc;

	private Drill(ConfigurableApplicationContext context) {
		this.context = context;
		this.api = new Api(context.getEnvironment());
		this.jdbc = JdbcClient.create(context.getBean(DataSource.class));
	}

	static Drill start(Path data, Path backups, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--yixing.data-dir=" + data, "--yixing.db.clean-embedded=false", "--yixing.pii-key=",
				"--yixing.backup.dir=" + backups, "--yixing.backup.passphrase=" + PASSPHRASE,
				"--yixing.backup.schedule=-", "--logging.level.org.yixing.shared.db.PostgresLog=INFO"));
		arguments.addAll(List.of(more));
		return new Drill(new SpringApplicationBuilder(YixingApplication.class).profiles("test")
			.run(arguments.toArray(String[]::new)));
	}

	/**
	 * An activity open to all that runs now by the real clock (backups and their restores
	 * work on real time); returns its sign-in code.
	 */
	String activityNow(String organizationName) {
		org.yixing.test.Organizations organizations = new org.yixing.test.Organizations(this.api);
		java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8));
		return new org.yixing.test.Attendance(this.api)
			.publish(organizations.createTopLevel(organizationName), organizations.staffToken(),
					now.minusMinutes(10).toString(), now.plusHours(3).toString(), Map.of("membersOnly", false))
			.field("checkInCode");
	}

	/** Starts a base backup through the staff API and waits until it is verified. */
	String backUp(String staffToken) {
		Api.Response started = this.api.post("/admin/backups", Map.of(), staffToken);
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		String id = started.field("id");
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			Api.Response list = this.api.get("/admin/backups", staffToken);
			String status = list.body()
				.get("backups")
				.valueStream()
				.filter((b) -> b.get("id").asString().equals(id))
				.findFirst()
				.orElseThrow()
				.get("status")
				.asString();
			assertThat(status).as(list.toString()).isIn("VERIFIED", "FAILED");
			assertThat(status).as(list.toString()).isEqualTo("VERIFIED");
		});
		return id;
	}

	/** Closes the current log segment and waits until it is archived. */
	void archiveNow() {
		String segment = this.jdbc.sql("SELECT pg_walfile_name(pg_switch_wal())").query(String.class).single();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(this.jdbc.sql("SELECT coalesce(last_archived_wal, '') >= ? FROM pg_stat_archiver")
						.param(segment)
						.query(Boolean.class)
						.single()).isTrue());
	}

	@Override
	public void close() {
		this.context.close();
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
