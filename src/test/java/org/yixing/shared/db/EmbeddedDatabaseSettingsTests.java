package org.yixing.shared.db;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL holds the association's ledger: unlike zonky's defaults for
 * throw-away test databases, a commit is on disk before it is acknowledged. The pool is
 * sized to the machine.
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
	void thePoolHasTwoConnectionsPerCorePlusTwo() {
		assertThat(this.dataSource.getMaximumPoolSize()).isEqualTo(2 * Runtime.getRuntime().availableProcessors() + 2);
	}

	private String setting(String name) {
		return this.jdbc.sql("SELECT current_setting(?)").param(name).query(String.class).single();
	}

}
