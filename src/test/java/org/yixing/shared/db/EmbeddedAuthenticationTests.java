package org.yixing.shared.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Another account on the same server cannot use the embedded database: every connection
 * gives the superuser's password, which only Yixing's user can read, and there is no
 * socket in the temporary folder. A database made by an earlier version, which trusted
 * every local connection, is secured at its next start and keeps its data.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class EmbeddedAuthenticationTests {

	@TempDir
	Path data;

	@Test
	void aConnectionWithoutThePasswordIsRefused() throws Exception {
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(this.data, false, null)) {
			assertRefusedWithout(server.jdbcUrl());
			assertRefusedWith(server.jdbcUrl(), "not the password");
			try (Connection connection = connect(server.jdbcUrl(), server.password());
					Statement statement = connection.createStatement()) {
				assertThat(single(statement, "SHOW unix_socket_directories")).isEmpty();
				assertThat(single(statement, "SHOW password_encryption")).isEqualTo("scram-sha-256");
			}
			Path file = this.data.resolve("postgres").resolve(EmbeddedAuthentication.PASSWORD_FILE);
			assertThat(file).hasContent(server.password());
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			assertThat(this.data).as("initdb's password file is gone").isDirectoryNotContaining("glob:**.password");
		}
		try (EmbeddedPostgresServer again = EmbeddedPostgresServer.acquire(this.data, false, null)) {
			assertRefusedWithout(again.jdbcUrl());
			try (Connection connection = connect(again.jdbcUrl(), again.password())) {
				assertThat(connection.isValid(5)).as("the same password after a restart").isTrue();
			}
		}
	}

	@Test
	void aDatabaseOfAnEarlierVersionIsSecuredAtItsNextStartAndKeepsItsData() throws Exception {
		Path folder = this.data.resolve("postgres");
		// as earlier versions made it: zonky's initdb, every local connection trusted
		try (EmbeddedPostgres earlier = PostgresBinaries.builder(this.data)
			.setDataDirectory(folder)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start();
				Connection connection = earlier.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE ledger (minutes int)");
			statement.execute("INSERT INTO ledger VALUES (120)");
		}

		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(this.data, false, null)) {
			String postgres = server.jdbcUrl().replace("/" + EmbeddedPostgresServer.DATABASE + "?", "/postgres?");
			assertRefusedWithout(postgres);
			try (Connection connection = connect(postgres, server.password());
					Statement statement = connection.createStatement()) {
				assertThat(single(statement, "SELECT sum(minutes) FROM ledger")).isEqualTo("120");
			}
			assertThat(EmbeddedAuthentication.password(folder)).contains(server.password());
		}
		try (EmbeddedPostgresServer again = EmbeddedPostgresServer.acquire(this.data, false, null)) {
			assertRefusedWithout(again.jdbcUrl());
			try (Connection connection = connect(again.jdbcUrl(), again.password())) {
				assertThat(connection.isValid(5)).isTrue();
			}
		}
	}

	@Test
	void aLostPasswordFileStopsTheStartWithWhatToDoAndTrustOnceSetsANewOne() throws Exception {
		Path folder = this.data.resolve("postgres");
		String first;
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(this.data, false, null)) {
			first = server.password();
		}
		Files.delete(folder.resolve(EmbeddedAuthentication.PASSWORD_FILE));

		assertThatIllegalStateException().isThrownBy(() -> EmbeddedPostgresServer.acquire(this.data, false, null))
			.withMessageContaining(EmbeddedAuthentication.PASSWORD_FILE + " is gone")
			.withMessageContaining("replace every scram-sha-256 with trust");

		Path hba = folder.resolve("pg_hba.conf");
		Files.writeString(hba, Files.readString(hba).replace("scram-sha-256", "trust"));
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(this.data, false, null)) {
			assertThat(server.password()).isNotEqualTo(first);
			assertRefusedWithout(server.jdbcUrl());
			try (Connection connection = connect(server.jdbcUrl(), server.password())) {
				assertThat(connection.isValid(5)).isTrue();
			}
		}
	}

	@Test
	void aPasswordChangedByHandStopsTheStartWithWhatToDoAndLeavesNoServerRunning() throws Exception {
		Path folder = this.data.resolve("postgres");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(this.data, false, null);
				Connection connection = connect(server.jdbcUrl(), server.password());
				Statement statement = connection.createStatement()) {
			statement.execute("ALTER ROLE postgres PASSWORD 'chosen by hand'");
		}

		assertThatIllegalStateException()
			.isThrownBy(() -> EmbeddedPostgresServer.acquire(this.data, false, new ShortWait()))
			.withMessageContaining("refused the superuser's password in " + EmbeddedAuthentication.PASSWORD_FILE)
			.withMessageContaining("Put back the file that belongs to this database");
		assertThat(folder.resolve("postmaster.pid")).as("the server that zonky gave up on is stopped").doesNotExist();

		Files.writeString(folder.resolve(EmbeddedAuthentication.PASSWORD_FILE), "chosen by hand\n");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(this.data, false, null);
				Connection connection = connect(server.jdbcUrl(), server.password())) {
			assertThat(server.password()).isEqualTo("chosen by hand");
			assertThat(connection.isValid(5)).as("the file that matches the database").isTrue();
		}
	}

	/** zonky gives up after 3 s instead of 10. */
	private static final class ShortWait implements EmbeddedServerHooks {

		@Override
		public Map<String, String> beforeStart(Path folder) {
			return Map.of();
		}

		@Override
		public void afterStart(Connection postgres) {
		}

		@Override
		public Duration startupWait() {
			return Duration.ofSeconds(3);
		}

	}

	private static void assertRefusedWithout(String url) {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> DriverManager.getConnection(url).close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isIn("28P01", "08004"));
	}

	private static void assertRefusedWith(String url, String password) {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(url, password).close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
	}

	private static Connection connect(String url, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("password", password);
		return DriverManager.getConnection(url, properties);
	}

	private static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

}
