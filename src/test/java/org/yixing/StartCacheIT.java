package org.yixing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code java -jar yixing.jar}, the built jar, with no options: its first start prepares
 * the start-up cache and starts from it; the next starts from it at once, in the same
 * process; neither logs a warning nor leaves the training run's embedded PostgreSQL
 * behind. Run by {@code mvn verify} after the jar is built (Maven's failsafe plugin).
 */
class StartCacheIT {

	static final Path JAR = Path.of("target", "yixing.jar");

	@TempDir
	Path folder;

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
	void theFirstStartPreparesTheCacheAndEveryStartRunsFromItInItsOwnProcess() throws Exception {
		assumeTrue(Runtime.version().feature() >= StartCache.AOT_CACHE_JAVA, "the AOT cache is Java 25's");
		assertThat(JAR).isRegularFile();

		Started first = start();
		assertThat(first.output())
			.contains("Yixing: preparing a start-up cache for this jar and this Java in "
					+ this.folder.resolve("cache").resolve("start-"))
			.contains("Yixing: start-up cache ready in ");
		first.stop();
		Path cache;
		try (Stream<Path> folders = Files.list(this.folder.resolve("cache"))) {
			cache = folders.filter(Files::isDirectory).findFirst().orElseThrow();
		}
		assertThat(cache.resolve("prepare.log")).content()
			.contains("Training run: the context is built; exiting")
			.contains("Embedded PostgreSQL started")
			.contains("Embedded PostgreSQL stopped")
			.doesNotContain(" WARN ");
		assertThat(cache.resolve("yixing.aot")).isNotEmptyFile();

		Started second = start();
		assertThat(second.output()).doesNotContain("Yixing: preparing")
			.contains(" ms (JVM up ")
			.contains("from the start-up cache in " + cache);
		second.stop();
	}

	private Started start() throws IOException {
		String java = ProcessHandle.current().info().command().orElseThrow();
		ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", JAR.toAbsolutePath().toString(),
				"--server.port=0", "--yixing.data-dir=" + this.folder.resolve("data")))
			.redirectErrorStream(true);
		builder.environment().put(StartCache.SETTING, this.folder.resolve("cache").toString());
		StartCache.OPTION_VARIABLES.forEach(builder.environment()::remove);
		Process process = builder.start();
		BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder output = new StringBuilder();
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			output.append(line).append('\n');
			if (line.contains("Yixing ready at ")) {
				// the application's log lines carry the process id: the one java -jar
				// began
				assertThat(line).contains(" INFO " + process.pid() + " --- ");
				return new Started(process, lines, output);
			}
		}
		throw new AssertionError("ended before ready:\n" + output);
	}

	/** A started Yixing and what it said. */
	record Started(Process process, BufferedReader lines, StringBuilder log) {

		String output() {
			return this.log.toString();
		}

		/** Stops it as systemd would, and checks that it said nothing to warn of. */
		void stop() throws IOException, InterruptedException {
			// SIGTERM; Process.destroy would close its output too
			this.process.toHandle().destroy();
			for (String line = this.lines.readLine(); line != null; line = this.lines.readLine()) {
				this.log.append(line).append('\n');
			}
			assertThat(this.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(output()).doesNotContain(" WARN ")
				.doesNotContain(" ERROR ")
				.doesNotContain("[warning]")
				.contains("Embedded PostgreSQL stopped");
		}

	}

}
