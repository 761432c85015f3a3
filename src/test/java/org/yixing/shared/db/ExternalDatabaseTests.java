package org.yixing.shared.db;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.YixingApplication;
import org.yixing.test.Api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code YIXING_DB_URL} set, Yixing uses that PostgreSQL and starts no embedded one;
 * the PII key must then be given, since every node has to share it. A separate PostgreSQL
 * server plays the external database here.
 */
class ExternalDatabaseTests {

	static final String KEY = "eWl4aW5nLXRlc3QtcGlpLWtleS0wMTIzNDU2Nzg5YWI=";

	@TempDir
	Path folder;

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void anExternalDatabaseIsMigratedAndUsed(CapturedOutput output) throws Exception {
		try (EmbeddedPostgres external = otherServer()) {
			String url = external.getJdbcUrl("postgres", "postgres");
			try (ConfigurableApplicationContext app = start(Map.of("yixing.db.url", url, "yixing.db.user", "postgres",
					"yixing.db.password", "", "yixing.pii-key", KEY, "yixing.data-dir", this.folder.toString()))) {
				assertThat(output.getOut()).containsPattern(
						"Database postgres on PostgreSQL 17\\.\\d+: created the schema at version \\d+ \\(\\d+ migrations, \\d+ ms\\)");
				JdbcClient jdbc = app.getBean(JdbcClient.class);
				assertThat(jdbc.sql("SELECT current_setting('port')").query(String.class).single())
					.isEqualTo(String.valueOf(external.getPort()));
				assertThat(
						jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Long.class).single())
					.isGreaterThan(5);
				Api api = new Api(app.getBean(Environment.class));
				assertThat(api.get("/actuator/health").field("status")).isEqualTo("UP");
				assertThat(api.get("/regions?parent=420100").status()).isEqualTo(200);
			}
			assertThat(this.folder.resolve("postgres")).doesNotExist();
			assertThat(this.folder.resolve("pii.key")).doesNotExist();
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aStartSaysInOneLineWhatItMigratedOrThatThereWasNothingToMigrate(CapturedOutput output) throws Exception {
		try (EmbeddedPostgres external = otherServer()) {
			// as an earlier Yixing left it
			Flyway.configure()
				.dataSource(external.getPostgresDatabase())
				.locations("classpath:db/migration")
				.target("25")
				.load()
				.migrate();
			String url = external.getJdbcUrl("postgres", "postgres");
			Map<String, Object> properties = external(url, "postgres", "");
			String version;
			try (ConfigurableApplicationContext app = start(properties)) {
				version = app.getBean(JdbcClient.class)
					.sql("SELECT max(version::int) FROM flyway_schema_history WHERE success")
					.query(String.class)
					.single();
			}
			assertThat(output.getOut())
				.containsPattern("Database postgres on PostgreSQL 17\\.\\d+: migrated the schema from version 25 to "
						+ version + " in \\d+ ms: 26 notice expiry")
				.doesNotContain("Migrating schema")
				.doesNotContain("HikariPool");
			try (ConfigurableApplicationContext app = start(properties)) {
				assertThat(output.getOut()).contains("Database postgres on PostgreSQL 17.")
					.contains(": schema at version " + version + ", nothing to migrate")
					.doesNotContain("No migration necessary");
			}
		}
	}

	@Test
	void anExternalDatabaseWithoutAPiiKeyDoesNotStart() throws Exception {
		assertThatThrownBy(() -> start(Map.of("yixing.db.url", "jdbc:postgresql://127.0.0.1:1/none", "yixing.pii-key",
				"", "yixing.data-dir", this.folder.toString()))
			.close()).hasStackTraceContaining("YIXING_PII_KEY must be set");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void anExternalDatabaseOutOfReachStopsTheStartWithWhereItLookedAndWhatToCheck(CapturedOutput output) {
		assertThat(refused(output, "jdbc:postgresql://127.0.0.1:1/yixing?password=secret", "", "")).contains(
				"Description:\n\nYixing could not connect to its database at jdbc:postgresql://127.0.0.1:1/yixing (")
			.contains("Action:\n\nCheck that PostgreSQL runs there and accepts connections from this host")
			.contains("accepting TCP/IP connections).\n")
			.doesNotContain("secret");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aRefusedUserOrAMissingDatabaseIsSaidAsSuch(CapturedOutput output) throws Exception {
		try (EmbeddedPostgres external = otherServer()) {
			String server = "jdbc:postgresql://127.0.0.1:" + external.getPort();
			assertThat(refused(output, server + "/postgres", "nobody", ""))
				.contains("Description:\n\nThe database at " + server + "/postgres refused the connection as user "
						+ "'nobody' (")
				.contains("Action:\n\nCheck YIXING_DB_USER and YIXING_DB_PASSWORD");
			assertThat(refused(output, server + "/nosuch", "postgres", ""))
				.contains("Description:\n\nThe database named in " + server + "/nosuch does not exist (")
				.contains("Action:\n\nCreate it on the database server");
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aWrongPasswordIsSaidAsARefusedUser(CapturedOutput output) throws Exception {
		// a server that asks for a password, as Yixing's own embedded one does
		try (EmbeddedPostgresServer external = EmbeddedPostgresServer.acquire(this.folder.resolve("other"), false,
				null)) {
			String url = external.jdbcUrl().replaceFirst("\\?.*$", "");
			assertThat(refused(output, url, "postgres", "not the password"))
				.contains("Description:\n\nThe database at " + url + " refused the connection as user 'postgres' "
						+ "(FATAL: password authentication failed for user \"postgres\")")
				.contains("Action:\n\nCheck YIXING_DB_USER and YIXING_DB_PASSWORD")
				.doesNotContain("not the password");
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void anOlderYixingDoesNotStartOnADatabaseThatANewerOneMigrated(CapturedOutput output) throws Exception {
		try (EmbeddedPostgres external = otherServer()) {
			String url = external.getJdbcUrl("postgres", "postgres");
			start(external(url, "postgres", "")).close();
			// as a newer Yixing leaves it: a migration this one does not have
			JdbcClient.create(external.getPostgresDatabase())
				.sql("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
						+ "checksum, installed_by, execution_time, success) "
						+ "VALUES (999, '999', 'newer', 'SQL', 'V999__newer.sql', 1, 'postgres', 1, true)")
				.update();

			assertThat(refused(output, url, "postgres", ""))
				.contains("Description:\n\nThis database was migrated by a newer Yixing: its schema is at version 999, "
						+ "and this Yixing knows versions up to ")
				.contains("Action:\n\nStart the newer Yixing again");
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aDatabaseThatDoesNotStoreTextAsUtf8IsRefusedBeforeAnythingIsMigrated(CapturedOutput output) throws Exception {
		try (EmbeddedPostgres external = otherServer()) {
			JdbcClient postgres = JdbcClient.create(external.getPostgresDatabase());
			for (String encoding : new String[] { "LATIN1", "SQL_ASCII" }) {
				postgres
					.sql("CREATE DATABASE " + encoding.toLowerCase(Locale.ROOT) + " ENCODING '" + encoding
							+ "' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
					.update();
			}
			String server = "jdbc:postgresql://127.0.0.1:" + external.getPort();
			assertThat(refused(output, server + "/latin1", "postgres", ""))
				.contains("Description:\n\nThe database latin1 stores text as LATIN1, and Yixing needs UTF8: names, "
						+ "places and titles are Chinese, which LATIN1 cannot hold")
				.contains("Action:\n\nCreate a UTF8 database for Yixing and point YIXING_DB_URL at it: CREATE "
						+ "DATABASE latin1_utf8 ENCODING 'UTF8' TEMPLATE template0");
			assertThat(refused(output, server + "/sql_ascii", "postgres", ""))
				.contains("The database sql_ascii stores text as SQL_ASCII, and Yixing needs UTF8")
				.contains("SQL_ASCII keeps unchecked and counts by bytes, not characters");
			for (String database : new String[] { "latin1", "sql_ascii" }) {
				try (Connection connection = DriverManager.getConnection(server + "/" + database, "postgres", "");
						ResultSet rs = connection.createStatement()
							.executeQuery("SELECT to_regclass('flyway_schema_history') IS NULL")) {
					rs.next();
					assertThat(rs.getBoolean(1)).as("nothing migrated in " + database).isTrue();
				}
			}
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void anAccountThatMayNotCreateTablesIsToldHowToMakeItTheOwner(CapturedOutput output) throws Exception {
		try (EmbeddedPostgres external = otherServer()) {
			// as an operator does it on PostgreSQL 15 and later: an account, and a
			// database
			// that the superuser owns, whose schema public only its owner may create in
			JdbcClient postgres = JdbcClient.create(external.getPostgresDatabase());
			postgres.sql("CREATE ROLE yixing LOGIN").update();
			postgres.sql("CREATE DATABASE plain").update();
			String url = "jdbc:postgresql://127.0.0.1:" + external.getPort() + "/plain";
			assertThat(refused(output, url, "yixing", ""))
				.contains("Description:\n\nThe account yixing may not create tables in the schema public of the "
						+ "database plain, and Yixing makes its tables there at the first start")
				.contains("Action:\n\nMake the account the database's owner, as a superuser: ALTER DATABASE plain "
						+ "OWNER TO yixing;");
			postgres.sql("ALTER DATABASE plain OWNER TO yixing").update();
			try (ConfigurableApplicationContext app = start(external(url, "yixing", ""))) {
				assertThat(app.getBean(JdbcClient.class)
					.sql("SELECT count(*) FROM flyway_schema_history WHERE success")
					.query(Long.class)
					.single()).isGreaterThan(5);
			}
		}
	}

	/** A second PostgreSQL server, which plays the external database. */
	private EmbeddedPostgres otherServer() throws IOException {
		return PostgresBinaries.builder(this.folder).setRegisterShutdownHook(false).start();
	}

	/** A start on that database, which must fail: Spring Boot's report of it. */
	private String refused(CapturedOutput output, String url, String user, String password) {
		assertThatThrownBy(() -> start(external(url, user, password)).close()).isNotNull();
		return report(output);
	}

	private Map<String, Object> external(String url, String user, String password) {
		return Map.of("yixing.db.url", url, "yixing.db.user", user, "yixing.db.password", password, "yixing.pii-key",
				KEY, "yixing.data-dir", this.folder.toString());
	}

	/** Spring Boot's report of the last failed start. */
	private static String report(CapturedOutput output) {
		String out = output.getOut();
		int at = out.lastIndexOf("APPLICATION FAILED TO START");
		assertThat(at).as("a failure report in:\n" + out).isNotNegative();
		return out.substring(at);
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties) {
		SpringApplication application = new SpringApplication(YixingApplication.class);
		application.setDefaultProperties(Map.of("server.port", "0", "yixing.dev-tools", "false",
				"yixing.bootstrap.staff.id-number", "", "spring.main.register-shutdown-hook", "false"));
		String[] args = properties.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		return application.run(args);
	}

}
