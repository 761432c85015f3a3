package org.yixing.shared.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL holds the association's ledger: unlike zonky's defaults for
 * throw-away test databases, a commit is on disk before it is acknowledged. The pool is
 * sized to the machine, and statistics follow a new database's first rush.
 */
@ApiTest
class EmbeddedDatabaseSettingsTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HikariDataSource dataSource;

	@Test
	void commitsAreDurable() {
		assertThat(setting("fsync")).isEqualTo("on");
		assertThat(setting("synchronous_commit")).isEqualTo("on");
		assertThat(setting("full_page_writes")).isEqualTo("on");
	}

	@Test
	void autovacuumLooksEveryTenSecondsAndTheOperatorsSettingWins(@TempDir Path data) throws Exception {
		assertThat(setting("autovacuum_naptime")).isEqualTo("10s");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(data, false, null,
				Map.of("autovacuum_naptime", "30s"));
				Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
				ResultSet rs = connection.createStatement().executeQuery("SHOW autovacuum_naptime")) {
			rs.next();
			assertThat(rs.getString(1)).isEqualTo("30s");
		}
	}

	@Test
	void thePoolHasTwoConnectionsPerCorePlusTwo() {
		assertThat(this.dataSource.getMaximumPoolSize()).isEqualTo(2 * Runtime.getRuntime().availableProcessors() + 2);
	}

	private String setting(String name) {
		return this.jdbc.sql("SELECT current_setting(?)").param(name).query(String.class).single();
	}

}
