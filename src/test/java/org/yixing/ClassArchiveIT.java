package org.yixing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built application run as {@code mvn spring-boot:run} runs it (a class path of jars,
 * {@code org.yixing.Start}, the pom's class archive options): the first run writes the
 * class archive as it stops, and the next loads the application's classes from it; after
 * a rebuild the first run goes without it, and the second begins again in its own process
 * and writes a new one. Each run is a training run ({@code -Dyixing.training-run=true}:
 * the context, then exit), which stops as a run does. Run by {@code mvn verify} after the
 * jar is built.
 */
class ClassArchiveIT {

	@TempDir
	Path folder;

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
	void theArchiveIsWrittenAsARunStopsUsedByTheNextAndWrittenAgainByTheSecondRunOfANewBuild() throws Exception {
		Path app = this.folder.resolve("app");
		assertThat(run(List.of("-Djarmode=tools", "-jar", StartCacheIT.JAR.toAbsolutePath().toString(), "extract",
				"--destination", app.toString()))
			.exitValue()).isZero();
		Path classes = app.resolve("yixing.jar");
		Path archive = this.folder.resolve("spring-boot-run.jsa");

		Ran first = runApplication(classes, archive);
		assertThat(first.output())
			.contains("Yixing: the JVM writes the class archive " + archive + " as this run stops");
		assertThat(archive).isNotEmptyFile();
		assertThat(this.folder.resolve("spring-boot-run.jsa.key")).content().contains(classes.toString());

		Ran second = runApplication(classes, archive);
		assertThat(second.output()).doesNotContain("Yixing: the");
		assertThat(this.folder.resolve("classes.log")).content()
			.contains("org.yixing.YixingApplication source: shared objects file (top)");

		// a rebuild: the application's jar is another
		Files.setLastModifiedTime(classes, FileTime.from(Instant.now().plusSeconds(60)));
		FileTime firstArchive = Files.getLastModifiedTime(archive);
		Ran rebuilt = runApplication(classes, archive);
		assertThat(rebuilt.output())
			.contains("Yixing: the class archive " + archive + " is of an earlier build: this run goes without it");
		assertThat(Files.getLastModifiedTime(archive)).isEqualTo(firstArchive);
		assertThat(this.folder.resolve("classes.log")).content()
			.doesNotContain("org.yixing.YixingApplication source: shared objects file (top)");

		Ran again = runApplication(classes, archive);
		assertThat(again.output())
			.contains("Yixing: the class archive " + archive + " is of an earlier build: starting again")
			.contains("Yixing: the JVM writes the class archive " + archive)
			// the application's log lines carry the process id: the one that was started
			.contains(" INFO " + again.pid() + " --- ");
		assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(firstArchive);
	}

	private Ran runApplication(Path classes, Path archive) throws IOException, InterruptedException {
		Ran ran = run(List.of("--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", ClassArchive.AUTO_CREATE,
				ClassArchive.FILE_OPTION + archive, "-Xlog:cds*=off",
				"-Xlog:class+load=info:file=" + this.folder.resolve("classes.log"), "-Dyixing.training-run=true", "-cp",
				classes.toString(), "org.yixing.Start", "--server.port=0",
				"--yixing.data-dir=" + this.folder.resolve("data")));
		assertThat(ran.exitValue()).as(ran.output()).isZero();
		assertThat(ran.output()).contains("Training run: the context is built; exiting")
			.contains("Embedded PostgreSQL stopped")
			.doesNotContain(" WARN ")
			.doesNotContain(" ERROR ")
			.doesNotContain("[warning]");
		return ran;
	}

	private Ran run(List<String> arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		StartCache.OPTION_VARIABLES.forEach(builder.environment()::remove);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
		return new Ran(process.pid(), process.exitValue(), output);
	}

	/** A process that ran to its end. */
	record Ran(long pid, int exitValue, String output) {

	}

}
