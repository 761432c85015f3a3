package org.yixing.shared.db;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * A start on an external PostgreSQL ({@code YIXING_DB_URL}) that could not connect to it
 * is reported as which database refused what, and what to check, instead of Flyway's and
 * the pool's chain of exceptions: no answer at that address, a user or password refused,
 * or no such database. Registered in {@code META-INF/spring.factories}; other failures,
 * and every failure on the embedded server, are left to the other analyzers.
 */
class DatabaseUnreachableAnalyzer implements FailureAnalyzer, Ordered {

	private final Environment environment;

	DatabaseUnreachableAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		String url = this.environment.getProperty("yixing.db.url", "");
		SQLException cause = connectionFailure(failure);
		if (url.isBlank() || cause == null) {
			return null;
		}
		// without its parameters, which may hold a password
		String where = url.strip().replaceFirst("\\?.*$", "");
		String state = cause.getSQLState();
		String reason = " (" + String.valueOf(cause.getMessage()).strip().replaceFirst("\\.$", "") + ")";
		if (state.startsWith("28")) {
			String user = this.environment.getProperty("yixing.db.user", "");
			return new FailureAnalysis(
					"The database at " + where + " refused the connection as user '" + user + "'" + reason + ".",
					"Check YIXING_DB_USER and YIXING_DB_PASSWORD, and that pg_hba.conf on the database server lets "
							+ "that user connect to that database from this host.",
					cause);
		}
		if (state.equals("3D000")) {
			return new FailureAnalysis("The database named in " + where + " does not exist" + reason + ".",
					"Create it on the database server (CREATE DATABASE yixing OWNER <YIXING_DB_USER>), or correct "
							+ "the database's name in YIXING_DB_URL.",
					cause);
		}
		return new FailureAnalysis("Yixing could not connect to its database at " + where + reason + ".",
				"Check that PostgreSQL runs there and accepts connections from this host (listen_addresses, "
						+ "pg_hba.conf, a firewall), and that YIXING_DB_URL names its host, port and database; then "
						+ "start Yixing again.",
				cause);
	}

	/**
	 * The innermost failure to connect in the chain (the driver's, under the pool's and
	 * Flyway's): SQLSTATE class 08 (no connection), 28 (not authorized) or 3D000 (no such
	 * database).
	 */
	private static @Nullable SQLException connectionFailure(Throwable failure) {
		SQLException found = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
					|| sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000"))) {
				found = sql;
			}
		}
		return found;
	}

	/** After {@code StartRefusalAnalyzer}, before Spring Boot's own analyzers. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
