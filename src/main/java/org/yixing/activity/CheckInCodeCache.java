package org.yixing.activity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The activities behind sign-in codes, remembered for {@code yixing.check-in-code-cache}
 * (one second). At 8:00 thousands of volunteers send the same code within minutes;
 * reading the activity (and parsing its geofence) once a second instead of once per
 * check-in saves a database round trip on the hottest path (docs/PERFORMANCE.md). Unknown
 * codes are not remembered, so a new activity's code works at once everywhere.
 * <p>
 * Every change to an activity or its code forgets everything: on this node at once and
 * again after its transaction ends, and on every other node through PostgreSQL's
 * {@code NOTIFY}, sent in the changing transaction and so delivered only when it commits.
 * Each node listens on a connection of its own; while that connection is down the node
 * forgets everything and the time limit alone bounds what it may serve stale.
 */
@Component
class CheckInCodeCache implements SmartLifecycle {

	static final String CHANNEL = "yixing_check_in_codes";

	private static final Logger log = LoggerFactory.getLogger(CheckInCodeCache.class);

	private static final int MAX_ENTRIES = 10_000;

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final HikariDataSource dataSource;

	private final long ttlNanos;

	private volatile boolean running;

	private volatile boolean listening;

	private volatile Thread listener;

	CheckInCodeCache(JdbcClient jdbc, HikariDataSource dataSource,
			@Value("${yixing.check-in-code-cache:PT1S}") Duration ttl) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.ttlNanos = ttl.toNanos();
	}

	Optional<Activity> get(String code, Function<String, Optional<Activity>> load) {
		long now = System.nanoTime();
		Entry entry = this.entries.get(code);
		if (entry != null && now - entry.loadedAt() < this.ttlNanos) {
			return Optional.of(entry.activity());
		}
		Optional<Activity> loaded = load.apply(code);
		if (loaded.isPresent()) {
			if (this.entries.size() >= MAX_ENTRIES) {
				this.entries.clear();
			}
			this.entries.put(code, new Entry(loaded.get(), now));
		}
		else {
			this.entries.remove(code);
		}
		return loaded;
	}

	/** Called by every write to activities or codes, inside its transaction. */
	void forgetAll() {
		this.entries.clear();
		this.jdbc.sql("SELECT pg_notify(?, '')").param(CHANNEL).query().singleRow();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					CheckInCodeCache.this.entries.clear();
				}
			});
		}
	}

	/** Whether other nodes' changes reach this node as they commit. */
	boolean listening() {
		return this.listening;
	}

	@Override
	public void start() {
		this.running = true;
		Thread thread = new Thread(this::listen, "check-in-code-listener");
		thread.setDaemon(true);
		this.listener = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.listener;
		if (thread != null) {
			thread.interrupt();
			// Its connection closes before the database stops: otherwise the embedded
			// server, stopping, ends it and logs a FATAL at every stop.
			try {
				thread.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		long backoff = 500;
		while (this.running) {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute("LISTEN " + CHANNEL);
				this.entries.clear();
				this.listening = true;
				backoff = 500;
				PGConnection postgres = connection.unwrap(PGConnection.class);
				long lastCheck = System.nanoTime();
				while (this.running) {
					// a short wait, so that a stop does not wait long for it
					PGNotification[] notifications = postgres.getNotifications(250);
					if (notifications != null && notifications.length > 0) {
						this.entries.clear();
					}
					if (System.nanoTime() - lastCheck > 10_000_000_000L) {
						// a connection that died without a word shows itself here
						statement.execute("SELECT 1");
						lastCheck = System.nanoTime();
					}
				}
			}
			catch (SQLException ex) {
				// a server shut down with the application is no loss to report
				if (this.listening && this.running) {
					log.warn("Lost the notifications of sign-in code changes; until they are back, codes are "
							+ "remembered for {} ms only: {}", this.ttlNanos / 1_000_000, ex.toString());
				}
				this.listening = false;
				this.entries.clear();
				try {
					Thread.sleep(backoff);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
				backoff = Math.min(5000, backoff * 2);
			}
		}
		this.listening = false;
	}

	private Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.putAll(this.dataSource.getDataSourceProperties());
		if (this.dataSource.getUsername() != null) {
			properties.setProperty("user", this.dataSource.getUsername());
		}
		if (this.dataSource.getPassword() != null) {
			properties.setProperty("password", this.dataSource.getPassword());
		}
		return DriverManager.getConnection(this.dataSource.getJdbcUrl(), properties);
	}

	private record Entry(Activity activity, long loadedAt) {
	}

}
