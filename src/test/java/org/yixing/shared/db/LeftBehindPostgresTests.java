package org.yixing.shared.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.yixing.test.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A JVM killed outright leaves its embedded PostgreSQL running: the next start shuts that
 * server down and starts its own, and a start beside a live Yixing is refused with a
 * message that says so.
 */
public class LeftBehindPostgresTests {

	@TempDir
	Path data;

	@Test
	void aServerLeftRunningByAKilledJvmIsShutDownAndTheNextStartSucceeds() throws Exception {
		Process yixing = runYixing(this.data);
		long postmaster = postmasterOf(this.data);
		yixing.destroyForcibly();
		assertThat(yixing.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("left behind").contains(true);

		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(this.data, false, null)) {
			assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).as("shut down").isEmpty();
			assertThat(postmasterOf(this.data)).isNotEqualTo(postmaster);
			try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
					ResultSet rs = connection.createStatement().executeQuery("SELECT count(*) FROM pg_database")) {
				assertThat(rs.next()).isTrue();
			}
		}
		finally {
			// Whatever happened above, no server of this test outlives it.
			EmbeddedPostgresServer.stopLeftBehind(this.data.resolve("postgres"));
		}
	}

	@Test
	void aStartBesideARunningYixingIsRefusedAndLeavesItsServerAlone() throws Exception {
		Process yixing = runYixing(this.data);
		long postmaster = postmasterOf(this.data);
		try {
			assertThatThrownBy(() -> EmbeddedPostgresServer.acquire(this.data, false, null))
				.hasMessageContaining("in use by another running Yixing");
			assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);
		}
		finally {
			yixing.destroyForcibly();
			yixing.waitFor(30, TimeUnit.SECONDS);
			EmbeddedPostgresServer.stopLeftBehind(this.data.resolve("postgres"));
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aServerStoppedBeforeYixingIsSaidWithWhatToSetAndTheNextStartSucceeds(CapturedOutput output) throws Exception {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(this.data, false, null);
		ProcessHandle postmaster = ProcessHandle.of(postmasterOf(this.data)).orElseThrow();
		// as systemd's default KillMode=control-group does: SIGTERM to the server's
		// processes too, not only to Yixing
		postmaster.destroy();
		postmaster.onExit().get(30, TimeUnit.SECONDS);
		server.close();
		assertThat(output.getOut()).contains("stopped before Yixing did")
			.contains("set KillMode=mixed in the service")
			.doesNotContain("Could not stop postmaster")
			.doesNotContain("does not exist");

		try (EmbeddedPostgresServer again = EmbeddedPostgresServer.acquire(this.data, false, null);
				Connection connection = DriverManager.getConnection(again.jdbcUrl(), "postgres", again.password())) {
			assertThat(connection.isValid(5)).isTrue();
		}
		finally {
			EmbeddedPostgresServer.stopLeftBehind(this.data.resolve("postgres"));
		}
	}

	/** Another JVM that starts the embedded server in {@code data} and waits. */
	private static Process runYixing(Path data) throws Exception {
		ChildJvm yixing = ChildJvm.start(null, List.of(), EmbeddedServerChild.class, data.toString());
		if (!yixing.readUntil("READY")) {
			throw new AssertionError("The other JVM ended without starting PostgreSQL:\n" + yixing.output());
		}
		return yixing.process();
	}

	private static long postmasterOf(Path data) throws Exception {
		return Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim());
	}

}
