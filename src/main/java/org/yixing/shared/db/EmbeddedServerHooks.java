package org.yixing.shared.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * What happens around the start of the embedded PostgreSQL, before any other part of the
 * application sees the database (RULES §15: a restore into an empty data folder, and the
 * settings of continuous archiving). Implemented by the backup module; at most one.
 */
public interface EmbeddedServerHooks {

	/**
	 * Before the server starts on {@code folder}, its data directory (empty or absent for
	 * a new database); returns settings for the server ({@code archive_mode}, …).
	 */
	Map<String, String> beforeStart(Path folder);

	/**
	 * Once the server answers, before the application's database exists for the rest:
	 * e.g. wait until a restore's recovery has ended.
	 */
	void afterStart(Connection postgres) throws SQLException;

	/**
	 * How long the server may take to start (a restore replays the archived log first).
	 */
	default java.time.Duration startupWait() {
		return java.time.Duration.ofSeconds(10);
	}

}
