package org.yixing.shared;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An outage is answered 503 whatever its cause, but the log says which: a full disk is
 * not an unreachable server.
 */
class DatabaseOutageTests {

	@Test
	void aFullDiskIsAnOutageThatTheLogCallsAFullDisk() {
		// as Spring's translation of PostgreSQL's "could not extend file … No space left
		// on device"
		Throwable full = new DataAccessResourceFailureException("PreparedStatementCallback", new SQLException(
				"ERROR: could not extend file \"base/16384/16964\": No space left on device", "53100"));
		assertThat(DatabaseOutage.isOutage(full)).isTrue();
		assertThat(DatabaseOutage.reason(full)).isEqualTo("its disk is full");
	}

	@Test
	void eachKindOfOutageIsNamed() {
		assertThat(DatabaseOutage.reason(new SQLException("Connection refused", "08001")))
			.isEqualTo("it cannot be reached");
		assertThat(DatabaseOutage.reason(new SQLException("terminating connection", "57P01")))
			.isEqualTo("it is shutting down or starting");
		assertThat(DatabaseOutage.reason(new SQLException("canceling statement due to statement timeout", "57014")))
			.isEqualTo("a statement ran past its time limit");
		assertThat(DatabaseOutage.reason(new SQLTransientConnectionException("yixing - Connection is not available")))
			.isEqualTo("it cannot be reached");
	}

}
