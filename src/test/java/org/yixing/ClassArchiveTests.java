package org.yixing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yixing.StartCache.Running;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mvn spring-boot:run}'s class archive follows the build: written as the first run
 * stops, used while the class path is the same, and written again by the second run of a
 * new build, where the JVM alone would run without it from then on; an edit-and-run loop
 * never waits for one. The whole way, with the built application, is
 * {@code ClassArchiveIT}.
 */
class ClassArchiveTests {

	static final Path JAVA_HOME = Path.of("/opt/jdk-25");

	static final long STARTED = 1_796_465_083_771L;

	@TempDir
	Path folder;

	Path classes;

	Path library;

	Path archive;

	@BeforeEach
	void jars() throws IOException {
		this.classes = Files.writeString(this.folder.resolve("yixing-run.jar"), "the application's classes");
		this.library = Files.writeString(this.folder.resolve("spring-core.jar"), "a library");
		this.archive = this.folder.resolve("spring-boot-run.jsa");
	}

	@Test
	void aStartWithoutAnArchiveLeavesItToTheJvmAndKeepsWhatItIsWrittenFor() throws IOException {
		Running running = running(options(), List.of("--server.port=8081"));

		assertThat(ClassArchive.keep(running)).isEmpty();

		assertThat(keyFile()).content().isEqualTo(ClassArchive.key(running));
		assertThat(ClassArchive.key(running)).contains(this.classes + " " + Files.size(this.classes) + " ")
			.contains(this.library.toString())
			.contains("-Xmx512m")
			.startsWith(JAVA_HOME + " 25.0.3+9-LTS\n");
	}

	@Test
	void anArchiveOfThisClassPathIsUsed() throws IOException {
		Running running = running(options(), List.of());
		ClassArchive.keep(running);
		Files.writeString(this.archive, "the archive");

		assertThat(ClassArchive.keep(running)).isEmpty();
		assertThat(ClassArchive.keep(running(options(), List.of("--other-arguments")))).isEmpty();

		assertThat(this.archive).hasContent("the archive");
	}

	@Test
	void anotherBuildsFirstRunGoesWithoutTheArchiveAndItsSecondBeginsAgainToWriteANewOne() throws IOException {
		ClassArchive.keep(running(options(), List.of()));
		Files.writeString(this.archive, "the archive");
		Files.setLastModifiedTime(this.classes, FileTime.from(Instant.now().plusSeconds(60)));

		assertThat(ClassArchive.keep(running(options(), List.of("--server.port=8081")))).isEmpty();
		assertThat(this.archive).hasContent("the archive");
		Optional<List<String>> again = ClassArchive.keep(running(options(), List.of("--server.port=8081")));

		List<String> expected = new ArrayList<>(List.of("/opt/jdk-25/bin/java"));
		expected.addAll(options());
		expected.addAll(List.of("-Dyixing.start-cache.started=" + STARTED, "-cp", classPath(), "org.yixing.Start",
				"--server.port=8081"));
		assertThat(again).contains(expected);
		assertThat(this.archive).doesNotExist();
		assertThat(keyFile()).doesNotExist();

		// the run begun again: the JVM writes the archive as it stops
		assertThat(ClassArchive.keep(running(options(), List.of()))).isEmpty();
		assertThat(keyFile()).content().isEqualTo(ClassArchive.key(running(options(), List.of())));
		assertThat(this.folder.resolve("spring-boot-run.jsa.next")).doesNotExist();
	}

	@Test
	void anEditAndRunLoopNeverWaitsForAnArchiveToBeWritten() throws IOException {
		ClassArchive.keep(running(options(), List.of()));
		Files.writeString(this.archive, "the archive");

		for (int edit = 1; edit <= 3; edit++) {
			Files.setLastModifiedTime(this.classes, FileTime.from(Instant.now().plusSeconds(60 * edit)));

			assertThat(ClassArchive.keep(running(options(), List.of()))).isEmpty();
		}
		assertThat(this.archive).hasContent("the archive");
	}

	@Test
	void anArchiveWithoutItsKeyOrOfOtherOptionsOrAnotherJavaGoesToo() throws IOException {
		Files.writeString(this.archive, "an archive of unknown origin");
		assertThat(secondRun(running(options(), List.of()))).isPresent();

		ClassArchive.keep(running(options(), List.of()));
		Files.writeString(this.archive, "the archive");
		List<String> otherOptions = new ArrayList<>(options());
		otherOptions.add("-Xss2m");
		assertThat(secondRun(running(otherOptions, List.of()))).isPresent();

		ClassArchive.keep(running(options(), List.of()));
		Files.writeString(this.archive, "the archive");
		Running otherJava = new Running(25, "Linux", Map.of(), classPath(), "org.yixing.Start", "app", options(),
				JAVA_HOME, "25.0.4+7-LTS", "/home/dev", List.of(), STARTED);
		assertThat(secondRun(otherJava)).isPresent();
	}

	@Test
	void theStartBegunAgainKeepsTheFirstJvmsStartForItsReadyLineWithoutMakingItAnotherBuild() throws IOException {
		List<String> again = new ArrayList<>(options());
		again.add("-Dyixing.start-cache.started=1000");

		assertThat(ClassArchive.key(running(again, List.of())))
			.isEqualTo(ClassArchive.key(running(options(), List.of())));
		assertThat(ClassArchive.command(running(again, List.of())))
			.containsOnlyOnce("-Dyixing.start-cache.started=1000")
			.doesNotContain("-Dyixing.start-cache.started=" + STARTED);
	}

	@Test
	void aStartWithADebuggerOrAnotherAgentKeepsTheArchiveItHasForAJvmWritingOneWouldNotStart() throws IOException {
		Files.writeString(this.archive, "an archive of another build");
		for (String agent : List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005",
				"-javaagent:/opt/agent.jar", "-agentpath:/opt/libprofiler.so", "-Xrunjdwp:transport=dt_socket")) {
			List<String> options = new ArrayList<>(options());
			options.add(agent);

			assertThat(ClassArchive.keep(running(options, List.of()))).as(agent).isEmpty();
		}
		assertThat(this.archive).hasContent("an archive of another build");
		assertThat(keyFile()).doesNotExist();
	}

	@Test
	void javaJarBeginsAgainAsJavaJar() {
		Running javaJar = new Running(25, "Linux", Map.of(), this.classes.toString(), this.classes + " --a=b", "app",
				options(), JAVA_HOME, "25.0.3+9-LTS", "/home/dev", List.of("--a=b"), STARTED);

		assertThat(ClassArchive.command(javaJar)).endsWith("-jar", this.classes.toString(), "--a=b");
	}

	@Test
	void aStartWithoutAnArchiveToKeepIsLeftAlone() throws IOException {
		Files.writeString(this.archive, "the operator's archive");
		List<String> noAutoCreate = List.of("-XX:SharedArchiveFile=" + this.archive);
		List<String> baseAndTop = List.of(ClassArchive.AUTO_CREATE,
				"-XX:SharedArchiveFile=/opt/base.jsa" + File.pathSeparator + this.archive);

		assertThat(ClassArchive.keep(running(noAutoCreate, List.of()))).isEmpty();
		assertThat(ClassArchive.keep(running(baseAndTop, List.of()))).isEmpty();
		assertThat(this.archive).hasContent("the operator's archive");
		assertThat(keyFile()).doesNotExist();
	}

	/** The second run of a build that the archive is not of. */
	private Optional<List<String>> secondRun(Running running) throws IOException {
		assertThat(ClassArchive.keep(running)).isEmpty();
		return ClassArchive.keep(running);
	}

	private List<String> options() {
		return List.of("--enable-native-access=ALL-UNNAMED", "-Xmx512m", ClassArchive.AUTO_CREATE,
				ClassArchive.FILE_OPTION + this.archive, "-Xlog:cds*=off");
	}

	private String classPath() {
		return this.classes + File.pathSeparator + this.library;
	}

	private Running running(List<String> options, List<String> args) {
		return new Running(25, "Linux", Map.of(), classPath(),
				String.join(" ", "org.yixing.Start", String.join(" ", args)), "app", options, JAVA_HOME, "25.0.3+9-LTS",
				"/home/dev", args, STARTED);
	}

	private Path keyFile() {
		return this.folder.resolve("spring-boot-run.jsa.key");
	}

}
