package org.yixing.shared.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yixing.shared.StartRefused;
import org.yixing.shared.TrainingRun;

/**
 * A real PostgreSQL 17 server run in-process from Maven Central binaries, keeping its
 * data in a folder across restarts. One server per data folder per JVM: test contexts
 * share it and the last one to let go stops it.
 * <p>
 * PostgreSQL runs as a process of its own, so it outlives a JVM that is killed (by
 * {@code kill -9}, the kernel's OOM killer, or a crash in native code): that server kept
 * the data folder, and every later start failed after ten seconds with "Gave up waiting
 * for server to start". While it runs, this server holds an exclusive lock on
 * {@code postgres.lock} beside the folder, which the operating system releases however
 * the JVM ends. A server found running in the folder while nobody holds the lock was left
 * behind, and is shut down before a new one starts; while another JVM holds it, the start
 * is refused with a message that says so.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	static final String DATABASE = "yixing";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Map<Path, EmbeddedPostgresServer> running = new HashMap<>();

	private final Path folder;

	private final EmbeddedPostgres postgres;

	private final FileLock lock;

	private final String password;

	private final PostgresLogFiles logFiles;

	private int users;

	private EmbeddedPostgresServer(Path folder, EmbeddedPostgres postgres, FileLock lock, String password,
			PostgresLogFiles logFiles) {
		this.folder = folder;
		this.postgres = postgres;
		this.lock = lock;
		this.password = password;
		this.logFiles = logFiles;
	}

	static synchronized EmbeddedPostgresServer acquire(Path dataDir, boolean clean,
			@Nullable EmbeddedServerHooks hooks) {
		return acquire(dataDir, clean, hooks, Map.of());
	}

	static EmbeddedPostgresServer acquire(Path dataDir, boolean clean, @Nullable EmbeddedServerHooks hooks,
			Map<String, String> extraSettings) {
		return acquire(dataDir, clean, hooks, extraSettings, () -> {
		});
	}

	/**
	 * The folder's server, started unless this JVM runs it already.
	 * @param prepared run once the data folder is as the server will start on it (the
	 * hooks' {@link EmbeddedServerHooks#beforeStart} done: a restore has copied the
	 * backup's files, its PII key among them), before the server starts
	 */
	static synchronized EmbeddedPostgresServer acquire(Path dataDir, boolean clean, @Nullable EmbeddedServerHooks hooks,
			Map<String, String> extraSettings, Runnable prepared) {
		Path folder = dataDir.toAbsolutePath().normalize().resolve("postgres");
		// again for a server that runs already: a new context has reset the logging
		PostgresLog.install();
		EmbeddedPostgresServer server = running.get(folder);
		if (server == null) {
			server = start(folder, clean, hooks, extraSettings, prepared);
			running.put(folder, server);
			stopAtExitOfTrainingRun(server);
		}
		else {
			prepared.run();
		}
		server.users++;
		return server;
	}

	private static EmbeddedPostgresServer start(Path folder, boolean clean, @Nullable EmbeddedServerHooks hooks,
			Map<String, String> extraSettings, Runnable prepared) {
		long started = System.nanoTime();
		FileLock lock = lock(folder);
		try {
			Files.createDirectories(folder);
			stopLeftBehind(folder);
			if (clean) {
				// The hooks see the folder as the server will: empty.
				org.springframework.util.FileSystemUtils.deleteRecursively(folder);
				Files.createDirectories(folder);
			}
			Map<String, String> settings = new java.util.LinkedHashMap<>();
			// no socket in the temporary folder: connections come by TCP, with a password
			settings.put("unix_socket_directories", "");
			// Autovacuum looks every 10 s instead of every minute. On a new database the
			// first rush fills tables that were empty when each connection cached its
			// plans (a scan of the whole table was cheapest then); only a new ANALYZE
			// makes them plan again (docs/PERFORMANCE.md, "A new installation's first
			// rush").
			settings.put("autovacuum_naptime", "10s");
			settings.putAll(PostgresLogFiles.settings());
			settings.putAll(extraSettings);
			if (hooks != null) {
				settings.putAll(hooks.beforeStart(folder));
			}
			prepared.run();
			// zonky runs initdb where there is no postgresql.conf yet
			boolean fresh = !Files.exists(folder.resolve("postgresql.conf"));
			EmbeddedAuthentication authentication = EmbeddedAuthentication.of(folder, fresh);
			EmbeddedPostgres.Builder builder = PostgresBinaries.builder(folder.toAbsolutePath().getParent())
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
				.setServerConfig("timezone", "UTC");
			authentication.configure(builder, fresh);
			builder.setDataDirectoryCustomizer((dir) -> {
				ServerSettingsFile.write(dir.toPath(), settings);
				authentication.beforeStart(dir.toPath());
			});
			if (hooks != null) {
				builder.setPGStartupWait(hooks.startupWait());
			}
			PostgresLogFiles logFiles = PostgresLogFiles.before(folder);
			EmbeddedPostgres postgres;
			try {
				postgres = start(builder, folder, authentication);
			}
			finally {
				// whatever the server said while it started, or why it did not
				logFiles.read();
			}
			try {
				if (hooks != null) {
					try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
						hooks.afterStart(connection);
					}
					catch (SQLException ex) {
						throw new IOException("The embedded PostgreSQL did not become ready", ex);
					}
				}
				authentication.afterStart(postgres);
				createDatabaseIfAbsent(postgres);
			}
			catch (IOException | RuntimeException ex) {
				postgres.close();
				logFiles.read();
				throw ex;
			}
			log.info("Embedded PostgreSQL started on port {} with {} in {} ({} ms)", postgres.getPort(),
					fresh ? "a new database" : "data", folder, (System.nanoTime() - started) / 1_000_000);
			logFiles.start();
			return new EmbeddedPostgresServer(folder, postgres, lock, authentication.password(), logFiles);
		}
		catch (IOException | RuntimeException ex) {
			release(lock);
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + folder, io);
			}
			throw (RuntimeException) ex;
		}
	}

	/**
	 * zonky's start. When the server does not answer in time, zonky gives up, leaves it
	 * running and keeps its lock file locked by this JVM; both are undone here, so that
	 * the failed start leaves nothing behind and another start in this JVM can follow. A
	 * refused password is said as such, with what to do.
	 */
	private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder, Path folder,
			EmbeddedAuthentication authentication) throws IOException {
		try {
			return builder.start();
		}
		catch (IOException ex) {
			stopPostmaster(folder, "did not become ready");
			// another start makes a new file, which no lock of this JVM holds
			Files.deleteIfExists(folder.resolve("epg-lock"));
			authentication.explainRefusal(ex);
			throw ex;
		}
	}

	/**
	 * The lock that says this JVM runs the folder's server: refused while another JVM
	 * holds it.
	 */
	private static FileLock lock(Path folder) {
		Path file = folder.resolveSibling("postgres.lock");
		try {
			Files.createDirectories(folder.getParent());
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				channel.close();
				throw new StartRefused(
						"The embedded PostgreSQL data in " + folder + " is in use by another running Yixing",
						"Stop it first, or give this one another data folder (yixing.data-dir / YIXING_DATA_DIR).");
			}
			return lock;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not lock " + file, ex);
		}
	}

	/**
	 * Shuts down a server left running in the folder by a JVM that ended without stopping
	 * it (its {@code postmaster.pid} names a live postgres process): a smart shutdown
	 * (SIGTERM), which PostgreSQL finishes at once when, as here, its clients are gone; a
	 * kill only if it has not ended in 30 seconds.
	 */
	static void stopLeftBehind(Path folder) {
		stopPostmaster(folder, "was left running by a Yixing that did not stop it");
	}

	private static void stopPostmaster(Path folder, String why) {
		Optional<ProcessHandle> postmaster = postmaster(folder);
		if (postmaster.isEmpty()) {
			return;
		}
		ProcessHandle process = postmaster.get();
		log.warn("Embedded PostgreSQL (pid {}) in {} {}: shutting it down", process.pid(), folder, why);
		process.destroy();
		if (!ended(process, Duration.ofSeconds(30))) {
			log.warn("Embedded PostgreSQL (pid {}) did not shut down in 30 s: killing it", process.pid());
			process.destroyForcibly();
			ended(process, Duration.ofSeconds(10));
		}
	}

	private static boolean ended(ProcessHandle process, Duration wait) {
		try {
			process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping a left-behind PostgreSQL", ex);
		}
	}

	private static Optional<ProcessHandle> postmaster(Path folder) {
		Path pidFile = folder.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		try {
			List<String> lines = Files.readAllLines(pidFile);
			long pid = Long.parseLong(lines.get(0).trim());
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter((p) -> p.info()
					.command()
					.map((c) -> c.endsWith("postgres") || c.endsWith("postgres.exe"))
					.orElse(false));
		}
		catch (IOException | RuntimeException ex) {
			// Unreadable or half-written: PostgreSQL judges a stale pid file itself.
			return Optional.empty();
		}
	}

	private static void release(FileLock lock) {
		try {
			lock.release();
			lock.channel().close();
		}
		catch (IOException ex) {
			log.warn("Could not release {}", lock, ex);
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
		return this.postgres.getJdbcUrl(EmbeddedAuthentication.SUPERUSER, DATABASE);
	}

	/** The superuser's password ({@link EmbeddedAuthentication}). */
	String password() {
		return this.password;
	}

	/**
	 * The server stopped before Yixing let go of it: something signalled its processes
	 * directly. systemd does that by default (KillMode=control-group: SIGTERM to every
	 * process of the service at once), and the requests Yixing was still finishing lost
	 * the database. zonky's stop would only fail after it ({@code pg_ctl: PID file … does
	 * not exist}, and a stack trace), so only its lock file is undone here: another start
	 * in this JVM makes a new one.
	 */
	private void stoppedBeforeYixing() throws IOException {
		log.warn("The embedded PostgreSQL in {} stopped before Yixing did: its processes were sent a signal of "
				+ "their own, so the requests still being finished lost the database. Under systemd, set "
				+ "KillMode=mixed in the service, so that only Yixing gets the signal and stops the database "
				+ "after them (docs/OPERATIONS.md, \"As a service\")", this.folder);
		Files.deleteIfExists(this.folder.resolve("epg-lock"));
	}

	/**
	 * A training run ({@link TrainingRun}) ends the JVM as the context's refresh ends,
	 * before any bean is closed: the server would outlive it, and the next start would
	 * find it left behind and stop it with a warning. The JVM's exit stops it then.
	 */
	private static void stopAtExitOfTrainingRun(EmbeddedPostgresServer server) {
		if (TrainingRun.isOn()) {
			Runtime.getRuntime().addShutdownHook(new Thread(server::stopNow, "embedded-postgres-training-run"));
		}
	}

	private void stopNow() {
		synchronized (EmbeddedPostgresServer.class) {
			if (running.get(this.folder) == this) {
				this.users = 1;
				close();
			}
		}
	}

	@Override
	public void close() {
		synchronized (EmbeddedPostgresServer.class) {
			if (--this.users > 0) {
				return;
			}
			running.remove(this.folder);
			try {
				if (postmaster(this.folder).isEmpty()) {
					stoppedBeforeYixing();
					return;
				}
				this.postgres.close();
				// the server's last lines, its shutdown, before this one
				this.logFiles.close();
				log.info("Embedded PostgreSQL stopped");
			}
			catch (IOException ex) {
				log.warn("Embedded PostgreSQL did not stop cleanly", ex);
			}
			finally {
				// if not yet: a server that was gone, or did not stop cleanly
				this.logFiles.close();
				release(this.lock);
			}
		}
	}

}
