package org.yixing.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The plans PostgreSQL runs for a statement, the statements of the functions it calls
 * included, as the server's {@code auto_explain} reports them: on a connection of its own
 * (the pool's connections keep no extension loaded), each plan sent back as a notice.
 * Plans made without the call's values show its parameters as {@code $1}, {@code $2}…
 */
public final class NestedPlans {

	private NestedPlans() {
	}

	/**
	 * Runs {@code sql} once with {@code params}.
	 * @return the plan of the innermost statement it ran (a function's query, for one
	 * that calls a function; the server reports the innermost first)
	 */
	public static String innermost(DataSource dataSource, String sql, Object... params) throws SQLException {
		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		try (Connection connection = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
				pool.getPassword()); Statement settings = connection.createStatement()) {
			settings.execute("LOAD 'auto_explain'");
			settings.execute("SET auto_explain.log_min_duration = 0");
			settings.execute("SET auto_explain.log_nested_statements = on");
			settings.execute("SET auto_explain.log_level = notice");
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				for (int i = 0; i < params.length; i++) {
					statement.setObject(i + 1, params[i]);
				}
				statement.executeQuery().close();
				SQLWarning first = statement.getWarnings();
				if (first == null) {
					throw new IllegalStateException("The server reported no plan for " + sql);
				}
				return first.getMessage();
			}
		}
	}

}
