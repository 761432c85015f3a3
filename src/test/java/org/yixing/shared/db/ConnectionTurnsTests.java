package org.yixing.shared.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.yixing.shared.DatabaseOutage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Connections taken in turns ({@link ConnectionTurns}), in front of a real HikariCP pool
 * on a real PostgreSQL: a request that finds every connection in use gets the first one
 * given back, in the order it came, within the pool's timeout or not at all, and every
 * way a turn ends gives it back exactly once.
 */
class ConnectionTurnsTests {

	static final int CONNECTIONS = 2;

	static final long TIMEOUT_MILLIS = 700;

	static EmbeddedPostgres postgres;

	static HikariDataSource pool;

	final ConnectionTurns turns = new ConnectionTurns(CONNECTIONS, TIMEOUT_MILLIS, "turns-test");

	@BeforeAll
	static void start() throws Exception {
		postgres = PostgresBinaries.builder(Path.of("target", "connection-turns-test"))
			.setRegisterShutdownHook(false)
			.start();
		pool = new HikariDataSource();
		pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		pool.setMaximumPoolSize(CONNECTIONS);
		pool.setConnectionTimeout(TIMEOUT_MILLIS);
	}

	@AfterAll
	static void stop() throws Exception {
		pool.close();
		postgres.close();
	}

	Connection take() throws SQLException {
		return this.turns.take((timeoutMillis) -> pool.getConnection());
	}

	@Test
	void aRequestThatFindsEveryConnectionInUseGetsTheFirstOneGivenBack() throws Exception {
		Connection first = take();
		Connection second = take();
		CompletableFuture<Integer> third = CompletableFuture.supplyAsync(() -> {
			try (Connection connection = take(); ResultSet rs = connection.createStatement().executeQuery("SELECT 3")) {
				rs.next();
				return rs.getInt(1);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		awaitWaiting(1);
		assertThat(third).isNotDone();
		second.close();
		assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo(3);
		first.close();
		assertThat(this.turns.waiting()).isZero();
	}

	@Test
	void waitingRequestsGetTheirTurnsInTheOrderTheyCame() throws Exception {
		List<Connection> held = new ArrayList<>(List.of(take(), take()));
		List<Integer> served = java.util.Collections.synchronizedList(new ArrayList<>());
		List<CompletableFuture<Void>> waiting = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			int request = i;
			waiting.add(CompletableFuture.runAsync(() -> {
				try (Connection connection = take()) {
					served.add(request);
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}, (task) -> Thread.ofPlatform().start(task)));
			awaitWaiting(i + 1);
		}
		held.get(0).close();
		CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
		assertThat(served).containsExactly(0, 1, 2, 3);
		held.get(1).close();
	}

	@Test
	void noTurnWithinThePoolsTimeoutFailsAsThePoolsOwnTimeoutDoesAnOutage() throws Exception {
		try (Connection first = take(); Connection second = take()) {
			long started = System.nanoTime();
			assertThatThrownBy(this::take).isInstanceOf(SQLTransientConnectionException.class)
				.hasMessageContaining("request timed out after " + TIMEOUT_MILLIS + "ms")
				.satisfies((ex) -> assertThat(DatabaseOutage.isOutage(ex)).isTrue());
			Duration waited = Duration.ofNanos(System.nanoTime() - started);
			assertThat(waited).isBetween(Duration.ofMillis(TIMEOUT_MILLIS), Duration.ofMillis(TIMEOUT_MILLIS + 1000));
		}
		assertThat(this.turns.waiting()).isZero();
	}

	@Test
	void aConnectionClosedTwiceGivesItsTurnBackOnce() throws Exception {
		Connection connection = take();
		connection.close();
		connection.close();
		try (Connection first = take(); Connection second = take()) {
			assertThatThrownBy(this::take).isInstanceOf(SQLTransientConnectionException.class);
		}
	}

	@Test
	void aPoolThatCannotGiveAConnectionGivesTheTurnBack() throws Exception {
		AtomicInteger asked = new AtomicInteger();
		for (int i = 0; i < CONNECTIONS + 1; i++) {
			assertThatThrownBy(() -> this.turns.take((timeoutMillis) -> {
				asked.incrementAndGet();
				throw new SQLTransientConnectionException("the database is down");
			})).hasMessage("the database is down");
		}
		assertThat(asked).hasValue(CONNECTIONS + 1);
		try (Connection first = take(); Connection second = take()) {
			assertThat(first.isValid(1)).isTrue();
			assertThat(second.isValid(1)).isTrue();
		}
	}

	@Test
	void aRequestWaitsInThePoolOnlyForWhatIsLeftOfTheTimeout() throws Exception {
		List<Long> offered = new ArrayList<>();
		try (Connection first = take(); Connection second = take()) {
			CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
				try (Connection connection = this.turns.take((timeoutMillis) -> {
					offered.add(timeoutMillis);
					return pool.getConnection();
				})) {
					// taken
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			awaitWaiting(1);
			Thread.sleep(400);
			first.close();
			waiter.get(5, TimeUnit.SECONDS);
		}
		assertThat(offered).singleElement().satisfies((left) -> assertThat(left).isBetween(250L, TIMEOUT_MILLIS - 300));
	}

	@Test
	void theConnectionIsThePoolsWithItsDriverUnderneath() throws Exception {
		try (Connection connection = take()) {
			assertThat(connection.isWrapperFor(PGConnection.class)).isTrue();
			assertThat(connection.unwrap(PGConnection.class).getBackendPID()).isPositive();
			try (Connection other = take()) {
				assertThat(connection).isEqualTo(connection).isNotEqualTo(other);
			}
			assertThatThrownBy(() -> connection.createStatement().executeQuery("SELECT nonsense"))
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("nonsense");
		}
	}

	private void awaitWaiting(int requests) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.turns.waiting() < requests && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(this.turns.waiting()).isEqualTo(requests);
	}

}
