package org.yixing.shared.db;

import javax.sql.DataSource;

/**
 * The database starts on a thread of its own while the application is set up
 * ({@code DataSourceConfiguration}). What must wait for a part of that start asks here.
 */
public final class DatabaseStart {

	private DatabaseStart() {
	}

	/**
	 * Waits until the data folder is as the embedded server starts on it: a restore at
	 * start (RULES §15) has copied the backup's files, the PII key among them. At once
	 * for an external database, or a server this JVM runs already. A start that failed
	 * before is thrown here as it was thrown there, so that nothing is made in a data
	 * folder a restore did not finish.
	 */
	public static void awaitDataFolder(DataSource dataSource) {
		if (dataSource instanceof DataSourceConfiguration.StartingDataSource starting) {
			starting.awaitPrepared();
		}
	}

}
