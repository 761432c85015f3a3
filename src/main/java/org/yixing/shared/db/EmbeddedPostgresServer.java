package org.yixing.shared.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server run in-process from Maven Central binaries, keeping its
 * data in a folder across restarts. One server per data folder per JVM: test contexts
 * share it and the last one to let go stops it.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	static final String DATABASE = "yixing";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Map<Path, EmbeddedPostgresServer> running = new HashMap<>();

	private final Path folder;

	private final EmbeddedPostgres postgres;

	private int users;

	private EmbeddedPostgresServer(Path folder, EmbeddedPostgres postgres) {
		this.folder = folder;
		this.postgres = postgres;
	}

	static synchronized EmbeddedPostgresServer acquire(Path dataDir, boolean clean) {
		Path folder = dataDir.toAbsolutePath().normalize().resolve("postgres");
		EmbeddedPostgresServer server = running.get(folder);
		if (server == null) {
			server = start(folder, clean);
			running.put(folder, server);
		}
		server.users++;
		return server;
	}

	private static EmbeddedPostgresServer start(Path folder, boolean clean) {
		long started = System.nanoTime();
		try {
			Files.createDirectories(folder);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(folder)
				.setCleanDataDirectory(clean)
				// Spring closes the data source and then this server; a hook of
				// zonky's own would race Spring's shutdown and pull the database
				// away from it.
				.setRegisterShutdownHook(false)
				// zonky starts PostgreSQL for throw-away test databases: without
				// fsync and with asynchronous commit. This server holds the
				// association's ledger, so every commit is on disk before it is
				// acknowledged.
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("max_connections", "300")
				.setServerConfig("timezone", "UTC")
				.start();
			createDatabaseIfAbsent(postgres);
			log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", postgres.getPort(), folder,
					(System.nanoTime() - started) / 1_000_000);
			return new EmbeddedPostgresServer(folder, postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + folder, ex);
		}
	}

	private static void createDatabaseIfAbsent(EmbeddedPostgres postgres) throws IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement
				.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
				if (rs.next()) {
					return;
				}
			}
			statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
		}
		catch (SQLException ex) {
			throw new IOException("Could not create the database " + DATABASE, ex);
		}
	}

	String jdbcUrl() {
		return this.postgres.getJdbcUrl("postgres", DATABASE);
	}

	@Override
	public void close() {
		synchronized (EmbeddedPostgresServer.class) {
			if (--this.users > 0) {
				return;
			}
			running.remove(this.folder);
			try {
				this.postgres.close();
				log.info("Embedded PostgreSQL stopped");
			}
			catch (IOException ex) {
				log.warn("Embedded PostgreSQL did not stop cleanly", ex);
			}
		}
	}

}
