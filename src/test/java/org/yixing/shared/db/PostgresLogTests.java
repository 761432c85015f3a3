package org.yixing.shared.db;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.yixing.shared.db.PostgresLog.Line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded PostgreSQL's lines reach the log at the level their severity calls for: a
 * refused password stands out as a warning, and a start, even a database's first, says
 * nothing above DEBUG but Yixing's own line.
 */
class PostgresLogTests {

	private static final String PREFIX = "2026-12-04 07:07:10.304 UTC ";

	@Test
	void aRefusedPasswordIsAWarningAndItsDetailFollowsAtTheSameLevel() {
		Line fatal = PostgresLog.classify("postgres",
				PREFIX + "[3106] FATAL:  password authentication failed for user \"postgres\"", Level.INFO);
		assertThat(fatal).isEqualTo(
				new Line(Level.WARN, "[3106] FATAL:  password authentication failed for user \"postgres\"", true));
		Line detail = PostgresLog.classify("postgres",
				PREFIX + "[3106] DETAIL:  Connection matched file \"pg_hba.conf\" line 4", fatal.level());
		assertThat(detail.level()).isEqualTo(Level.WARN);
		assertThat(detail.startsMessage()).isFalse();
	}

	@Test
	void whatTheReadinessProbeIsToldWhileTheServerStartsOrRecoversIsDebug() {
		assertThat(PostgresLog
			.classify("postgres", PREFIX + "[16879] FATAL:  the database system is starting up", Level.INFO)
			.level()).isEqualTo(Level.DEBUG);
		assertThat(PostgresLog.classify("postgres",
				PREFIX + "[16879] FATAL:  the database system is not yet accepting connections", Level.INFO))
			.isEqualTo(new Line(Level.DEBUG, "[16879] FATAL:  the database system is not yet accepting connections",
					true));
		assertThat(PostgresLog
			.classify("postgres", PREFIX + "[16879] DETAIL:  Consistent recovery state has not been yet reached.",
					Level.DEBUG)
			.level()).isEqualTo(Level.DEBUG);
	}

	@Test
	void aStatementsErrorStaysInformationWithItsStatementOverSeveralLines() {
		Line error = PostgresLog.classify("postgres", PREFIX
				+ "[2201] ERROR:  duplicate key value violates unique constraint \"attendance_sessions_one_open_key\"",
				Level.DEBUG);
		assertThat(error.level()).isEqualTo(Level.INFO);
		assertThat(PostgresLog
			.classify("postgres", PREFIX + "[2201] STATEMENT:  INSERT INTO attendance_sessions", Level.INFO)
			.level()).isEqualTo(Level.INFO);
		assertThat(PostgresLog.classify("postgres", "\t  VALUES ($1, $2)", Level.INFO))
			.isEqualTo(new Line(Level.INFO, "\t  VALUES ($1, $2)", false));
	}

	@Test
	void aPanicIsAnErrorAndAProcessKilledBySignalIsAWarning() {
		assertThat(PostgresLog
			.classify("postgres", PREFIX + "[9] PANIC:  could not write to file \"pg_wal/xlogtemp\"", Level.INFO)
			.level()).isEqualTo(Level.ERROR);
		assertThat(PostgresLog
			.classify("postgres", PREFIX + "[9] LOG:  server process (PID 77) was terminated by signal 9: Killed",
					Level.INFO)
			.level()).isEqualTo(Level.WARN);
		assertThat(PostgresLog
			.classify("postgres", PREFIX + "[9] WARNING:  archiving write-ahead log file failed", Level.INFO)
			.level()).isEqualTo(Level.WARN);
	}

	@Test
	void routineLinesOfAStartAndACheckpointAreDebugButOtherLogLinesAreInformation() {
		assertThat(PostgresLog.classify("postgres",
				"waiting for server to start...." + PREFIX + "[2535] LOG:  starting PostgreSQL 17.6 on x86_64",
				Level.INFO))
			.isEqualTo(new Line(Level.DEBUG, "[2535] LOG:  starting PostgreSQL 17.6 on x86_64", true));
		assertThat(PostgresLog
			.classify("postgres", PREFIX + "[2535] LOG:  database system is ready to accept connections", Level.INFO)
			.level()).isEqualTo(Level.DEBUG);
		assertThat(PostgresLog
			.classify("postgres", PREFIX + "[40] LOG:  checkpoint complete: wrote 3 buffers (0.0%)", Level.INFO)
			.level()).isEqualTo(Level.DEBUG);
		assertThat(PostgresLog
			.classify("postgres",
					PREFIX + "[40] LOG:  database system was not properly shut down; automatic recovery in progress",
					Level.DEBUG)
			.level()).isEqualTo(Level.INFO);
		assertThat(PostgresLog
			.classify("postgres", PREFIX + "[40] LOG:  checkpoints are occurring too frequently", Level.DEBUG)
			.level()).isEqualTo(Level.INFO);
	}

	@Test
	void theToolsProgressIsDebugAndTheirErrorsAreWarnings() {
		assertThat(PostgresLog.classify("initdb", "creating subdirectories ... ok", Level.INFO).level())
			.isEqualTo(Level.DEBUG);
		assertThat(PostgresLog.classify("initdb", "Success. You can now start the database server using:", Level.INFO)
			.level()).isEqualTo(Level.DEBUG);
		assertThat(PostgresLog.classify("postgres", " done", Level.INFO).level()).isEqualTo(Level.DEBUG);
		assertThat(PostgresLog.classify("pg_ctl", "server stopped", Level.INFO).level()).isEqualTo(Level.DEBUG);
		assertThat(PostgresLog.classify("initdb", "initdb: error: directory \"/x\" exists but is not empty", Level.INFO)
			.level()).isEqualTo(Level.WARN);
		assertThat(PostgresLog.classify("postgres", "pg_ctl: could not start server", Level.INFO).level())
			.isEqualTo(Level.WARN);
		assertThat(PostgresLog.classify("postgres", "something nobody foresaw", Level.DEBUG).level())
			.isEqualTo(Level.INFO);
	}

	@Test
	@EnabledOnOs({ OS.LINUX, OS.MAC })
	void aNewDatabasesStartSaysOneLineAndARefusedPasswordIsLoggedAsAWarning(@TempDir Path data) throws Exception {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger postgresLog = context.getLogger(PostgresLog.class);
		Logger server = context.getLogger(EmbeddedPostgresServer.class);
		Level was = postgresLog.getLevel();
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		postgresLog.addAppender(events);
		server.addAppender(events);
		postgresLog.setLevel(Level.DEBUG);
		try {
			try (EmbeddedPostgresServer started = EmbeddedPostgresServer.acquire(data, false, null)) {
				Properties wrong = new Properties();
				wrong.setProperty("user", "postgres");
				wrong.setProperty("password", "not the password");
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> DriverManager.getConnection(started.jdbcUrl(), wrong).close());
				// while the server runs, from its log file (pg_ctl's output, which zonky
				// reads, has ended by now)
				long until = System.nanoTime() + 10_000_000_000L;
				while (refusals(events).isEmpty() && System.nanoTime() < until) {
					Thread.sleep(100);
				}
				assertThat(refusals(events)).singleElement()
					.satisfies((event) -> assertThat(event.getThreadName()).isEqualTo("postgres-log"));
			}
		}
		finally {
			postgresLog.detachAppender(events);
			server.detachAppender(events);
			postgresLog.setLevel(was);
		}
		List<String> shown = events.list.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.INFO))
			.map((event) -> event.getLevel() + " " + event.getFormattedMessage())
			.toList();
		assertThat(shown).anySatisfy((line) -> assertThat(line).startsWith("INFO Embedded PostgreSQL started on port ")
			.contains("with a new database in"));
		assertThat(shown).anySatisfy((line) -> assertThat(line).startsWith("WARN [")
			.contains("] FATAL:  password authentication failed for user \"postgres\""));
		assertThat(shown).noneSatisfy((line) -> assertThat(line).containsAnyOf("initdb", "Success.", "LOG:  ",
				"Detected", "server started", "postmaster"));
		List<String> debug = events.list.stream()
			.filter((event) -> event.getLevel() == Level.DEBUG)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
		assertThat(debug).as("still there for whoever turns DEBUG on")
			.anySatisfy((line) -> assertThat(line).contains("creating subdirectories ... ok"))
			.anySatisfy((line) -> assertThat(line).contains("LOG:  database system is ready to accept connections"))
			.as("the server's last lines, read when it stopped")
			.anySatisfy((line) -> assertThat(line).contains("LOG:  database system is shut down"));
		assertThat(data.resolve("postgres/log")).isDirectoryContaining("glob:**/postgresql-*.log");
	}

	private static List<ILoggingEvent> refusals(ListAppender<ILoggingEvent> events) {
		synchronized (events) {
			return List.copyOf(events.list)
				.stream()
				.filter((event) -> event.getFormattedMessage().contains("FATAL:  password authentication failed"))
				.toList();
		}
	}

}
