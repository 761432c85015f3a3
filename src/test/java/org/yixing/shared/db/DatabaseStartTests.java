package org.yixing.shared.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yixing.shared.StartRefused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database starts and is migrated on a thread of its own while the application is set
 * up: whoever needs it sooner waits, and a start that fails is thrown to them as it was
 * thrown there.
 */
class DatabaseStartTests {

	@Test
	void aConnectionAskedForDuringTheStartWaitsForTheStartedAndMigratedDatabase(@TempDir Path data) throws Exception {
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch prepared = new CountDownLatch(1);
		try (DataSourceConfiguration.StartingDataSource dataSource = new DataSourceConfiguration.StartingDataSource(
				pool(), (onPrepared) -> {
					await(go);
					return EmbeddedPostgresServer.acquire(data, false, null, Map.of(), () -> {
						onPrepared.run();
						prepared.countDown();
					});
				})) {
			CompletableFuture<String> asked = CompletableFuture.supplyAsync(() -> {
				try (Connection connection = dataSource.getConnection();
						ResultSet rs = connection.createStatement()
							.executeQuery("SELECT max(version::int)::text FROM flyway_schema_history WHERE success")) {
					rs.next();
					return rs.getString(1);
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			Thread.sleep(300);
			assertThat(asked).as("no database yet").isNotDone();
			go.countDown();
			assertThat(prepared.await(60, TimeUnit.SECONDS)).isTrue();
			assertThat(asked.get(120, TimeUnit.SECONDS)).as("the schema's version, every migration applied")
				.isEqualTo(latestMigration());
			dataSource.awaitReady();
		}
		assertThat(data.resolve("postgres/postmaster.pid")).as("closing stopped the server it started").doesNotExist();
	}

	@Test
	void aStartThatFailsIsThrownToThoseWaitingAsItWasThrown() {
		StartRefused refused = new StartRefused("The data folder is in use", "Stop the other one.");
		try (DataSourceConfiguration.StartingDataSource dataSource = new DataSourceConfiguration.StartingDataSource(
				pool(), (onPrepared) -> {
					throw refused;
				})) {
			assertThatThrownBy(() -> DatabaseStart.awaitDataFolder(dataSource))
				.as("nothing may be made in a data folder a restore did not finish")
				.isSameAs(refused);
			assertThatThrownBy(dataSource::getConnection).isSameAs(refused);
			assertThatThrownBy(dataSource::awaitReady).isSameAs(refused);
		}
	}

	private static HikariDataSource pool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setMaximumPoolSize(2);
		return pool;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String latestMigration() throws Exception {
		try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
			return String.valueOf(files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.matches("V\\d+__.*\\.sql"))
				.mapToInt((name) -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
				.max()
				.orElseThrow());
		}
	}

}
