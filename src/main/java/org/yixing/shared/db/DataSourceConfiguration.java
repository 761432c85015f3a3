package org.yixing.shared.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.yixing.shared.PlatformSettings;

/**
 * The one data source: the external PostgreSQL when {@code YIXING_DB_URL} is set, else
 * the embedded server in the data folder (docs/ARCHITECTURE.md).
 * <p>
 * The embedded server's start and the migrations run on a thread of their own from the
 * moment the data source is made, while the rest of the application is set up on the main
 * thread: together they are some 1.5 s of a start (docs/PERFORMANCE.md, "Start-up and
 * memory"). A connection asked for sooner waits for them, and the application is not
 * ready, and takes no request, before they are done; a start that fails there fails the
 * application's start with the same exception as before.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(PlatformSettings settings, ObjectProvider<EmbeddedServerHooks> hooks) {
		PlatformSettings.Db db = settings.db();
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("yixing");
		dataSource.setMaximumPoolSize(db.effectivePoolSize());
		// An outage is answered within seconds (503 with Retry-After), never a hang:
		// waiting for a connection, opening one and every statement are bounded.
		dataSource.setConnectionTimeout(db.connectTimeout().toMillis());
		dataSource.setValidationTimeout(Math.min(1000, db.connectTimeout().toMillis()));
		long connectSeconds = Math.max(1, db.connectTimeout().toSeconds());
		dataSource.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
		dataSource.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
		dataSource.addDataSourceProperty("tcpKeepAlive", "true");
		// a server that stops answering mid-statement (a network cut, a commit waiting
		// for a standby that is gone) is given up on too, after twice the statement time
		dataSource.addDataSourceProperty("socketTimeout",
				String.valueOf(Math.max(1, db.statementTimeout().toSeconds() * 2)));
		dataSource.addDataSourceProperty("options", "-c statement_timeout=" + db.statementTimeout().toMillis()
				+ " -c lock_timeout=" + db.statementTimeout().toMillis());
		if (db.external()) {
			settings.checkPiiKeyForExternalDatabase();
			dataSource.setJdbcUrl(db.url());
			dataSource.setUsername(db.user());
			dataSource.setPassword(db.password());
			return new StartingDataSource(dataSource, null);
		}
		EmbeddedServerHooks startHooks = hooks.getIfAvailable();
		return new StartingDataSource(dataSource, (prepared) -> EmbeddedPostgresServer.acquire(settings.dataDir(),
				db.cleanEmbedded(), startHooks, db.embeddedServerSettings(), prepared));
	}

	/**
	 * The application is ready once its database is: the last singleton waits for the
	 * start, and fails the application's start with its exception.
	 */
	@Bean
	static SmartInitializingSingleton databaseReady(ObjectProvider<DataSource> dataSource) {
		return () -> {
			if (dataSource.getObject() instanceof StartingDataSource starting) {
				starting.awaitReady();
			}
		};
	}

	/**
	 * Requests waiting for a turn at a connection ({@link ConnectionTurns}), where
	 * HikariCP's own {@code hikaricp.connections.pending} no longer sees them.
	 */
	@Bean
	static MeterBinder connectionTurns(ObjectProvider<DataSource> dataSource) {
		return (registry) -> {
			if (dataSource.getObject() instanceof StartingDataSource starting) {
				Gauge.builder("yixing.db.connections.waiting", starting, StartingDataSource::waitingForTurn)
					.description("Requests waiting for their turn at one of the pool's connections")
					.register(registry);
			}
		};
	}

	/**
	 * How the embedded server is had: started, or the one this JVM runs already; runs
	 * {@code prepared} once its data folder is ready and before the server starts.
	 */
	@FunctionalInterface
	interface EmbeddedStart {

		EmbeddedPostgresServer acquire(Runnable prepared);

	}

	/**
	 * The pool, whose database starts and is migrated on a thread of its own. Closing
	 * waits for a start under way, closes the pool and then lets go of the embedded
	 * server.
	 */
	static final class StartingDataSource extends HikariDataSource {

		private final CompletableFuture<Void> prepared = new CompletableFuture<>();

		private final CompletableFuture<Void> ready = new CompletableFuture<>();

		private final AtomicBoolean closed = new AtomicBoolean();

		private volatile @Nullable EmbeddedPostgresServer server;

		private final ConnectionTurns turns;

		StartingDataSource(HikariDataSource template, @Nullable EmbeddedStart embedded) {
			template.copyStateTo(this);
			this.turns = new ConnectionTurns(getMaximumPoolSize(), getConnectionTimeout(), getPoolName());
			Thread start = new Thread(() -> start(embedded), "database-start");
			start.setDaemon(true);
			start.start();
		}

		private void start(@Nullable EmbeddedStart embedded) {
			try {
				if (embedded == null) {
					this.prepared.complete(null);
				}
				else {
					EmbeddedPostgresServer acquired = embedded.acquire(() -> this.prepared.complete(null));
					this.server = acquired;
					setJdbcUrl(acquired.jdbcUrl());
					setUsername(EmbeddedAuthentication.SUPERUSER);
					setPassword(acquired.password());
				}
				MigrationGuard.migrate(new Unwaiting());
				this.ready.complete(null);
			}
			catch (Throwable ex) {
				// a failure before the data folder was ready fails those waiting for it
				this.prepared.completeExceptionally(ex);
				this.ready.completeExceptionally(ex);
			}
		}

		/**
		 * Waits until the database has started and is migrated; its failure, thrown as it
		 * was thrown there.
		 */
		void awaitReady() {
			await(this.ready);
		}

		/**
		 * Waits until the data folder is as the embedded server starts on it: a restore
		 * has put the backup's files in place (RULES §15).
		 */
		void awaitPrepared() {
			await(this.prepared);
		}

		private static void await(CompletableFuture<Void> stage) {
			try {
				stage.get();
			}
			catch (ExecutionException ex) {
				Throwable cause = ex.getCause();
				if (cause instanceof RuntimeException runtime) {
					throw runtime;
				}
				if (cause instanceof Error error) {
					throw error;
				}
				throw new IllegalStateException(cause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the database to start", ex);
			}
		}

		@Override
		public Connection getConnection() throws SQLException {
			awaitReady();
			return this.turns.take(this::pooled);
		}

		/** The pool's connection, waiting at most {@code timeoutMillis} in it. */
		private Connection pooled(long timeoutMillis) throws SQLException {
			if (!isClosed() && getHikariPoolMXBean() instanceof HikariPool pool) {
				return pool.getConnection(timeoutMillis);
			}
			// the first connection makes the pool
			return super.getConnection();
		}

		/** Requests waiting for a connection's turn now. */
		int waitingForTurn() {
			return this.turns.waiting();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			awaitReady();
			return super.getConnection(username, password);
		}

		private Connection connectionNow() throws SQLException {
			return super.getConnection();
		}

		@Override
		public void close() {
			if (!this.closed.compareAndSet(false, true)) {
				return;
			}
			// a start under way is let finish, so that what it started is stopped
			try {
				this.ready.join();
			}
			catch (RuntimeException ex) {
				// it failed, and the application's start with it
			}
			try {
				super.close();
			}
			finally {
				EmbeddedPostgresServer acquired = this.server;
				if (acquired != null) {
					acquired.close();
				}
			}
		}

		/** The pool without the wait, for the migrations that the wait is for. */
		private final class Unwaiting extends AbstractDataSource {

			@Override
			public Connection getConnection() throws SQLException {
				return connectionNow();
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				throw new SQLException("Not supported");
			}

		}

	}

}
