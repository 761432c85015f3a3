package org.yixing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yixing.StartCache.Plan;
import org.yixing.StartCache.Running;
import org.yixing.shared.LibC;
import org.yixing.test.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * When {@code java -jar yixing.jar} starts from its start-up cache, and how: only the
 * executable jar started by {@code java -jar} on Java 25 or later, outside Windows, with
 * no cache or agent of the operator's own; the same options and arguments; a cache per
 * jar, Java and options. The whole way, with the built jar, is {@code StartCacheIT}.
 */
class StartCacheTests {

	static final String LOADER = "org.springframework.boot.loader.launch.LaunchedClassLoader";

	static final Path JAVA_HOME = Path.of("/opt/jdk-25");

	static final long STARTED = 1_796_465_083_771L;

	@TempDir
	Path folder;

	Path jar;

	@BeforeEach
	void jar() throws IOException {
		this.jar = Files.writeString(this.folder.resolve("yixing.jar"), "a jar");
	}

	@Test
	void javaJarOfTheExecutableJarOnJava25StartsFromACacheInTheUsersCacheFolder() throws IOException {
		Plan plan = plan(25, "Linux", Map.of(), List.of("-Xmx512m")).orElseThrow();

		assertThat(plan.folder().getParent()).isEqualTo(this.folder.resolve("home/.cache/yixing"));
		assertThat(plan.folder().getFileName().toString()).matches("start-[0-9a-f]{16}");
		assertThat(plan.java()).isEqualTo(JAVA_HOME.resolve("bin/java"));
		assertThat(plan.command(new String[] { "--server.port=8081" })).containsExactly("/opt/jdk-25/bin/java",
				"-Xmx512m", "-XX:AOTCache=" + plan.folder().resolve("yixing.aot"),
				"-Dyixing.start-cache.folder=" + plan.folder(), "-Dyixing.start-cache.started=" + STARTED, "-jar",
				plan.folder().resolve("app/yixing.jar").toString(), "--server.port=8081");
		assertThat(plan.training(new String[] { "--server.port=8081" })).containsExactly("/opt/jdk-25/bin/java",
				"-Xmx512m", "-XX:AOTCacheOutput=" + plan.folder().resolve("yixing.aot"), "-Dyixing.training-run=true",
				"-jar", plan.folder().resolve("app/yixing.jar").toString(), "--server.port=8081");
		assertThat(plan.extract()).containsExactly("/opt/jdk-25/bin/java", "-Djarmode=tools", "-jar",
				this.jar.toRealPath().toString(), "extract", "--destination", plan.folder().resolve("app").toString());
	}

	@Test
	void theCacheFolderIsTheSettingsOrXdgCacheHomes() throws IOException {
		assertThat(plan(25, "Linux", Map.of("YIXING_START_CACHE", "/srv/cache", "XDG_CACHE_HOME", "/x"), List.of())
			.orElseThrow()
			.folder()
			.getParent()).isEqualTo(Path.of("/srv/cache"));
		assertThat(plan(25, "Linux", Map.of("XDG_CACHE_HOME", "/x"), List.of()).orElseThrow().folder().getParent())
			.isEqualTo(Path.of("/x/yixing"));
	}

	@Test
	void noCacheBeforeJava25OnWindowsWhenTurnedOffOrWithTheOperatorsOwnCacheOrAnAgent() throws IOException {
		assertThat(plan(24, "Linux", Map.of(), List.of())).isEmpty();
		assertThat(plan(25, "Windows 11", Map.of(), List.of())).isEmpty();
		assertThat(plan(25, "Linux", Map.of("YIXING_START_CACHE", "OFF"), List.of())).isEmpty();
		for (String option : List.of("-XX:AOTCache=app.aot", "-XX:AOTCacheOutput=app.aot", "-XX:AOTMode=record",
				"-XX:SharedArchiveFile=app.jsa", "-XX:ArchiveClassesAtExit=app.jsa", "-Xshare:off",
				"-agentlib:jdwp=transport=dt_socket", "-javaagent:agent.jar", "-Dspring.context.exit=onRefresh",
				"-Dyixing.training-run=true")) {
			assertThat(plan(25, "Linux", Map.of(), List.of("-Xmx1g", option))).as(option).isEmpty();
		}
	}

	@Test
	void onlyTheExecutableJarStartedByJavaJarStartsFromTheCache() throws IOException {
		String jar = this.jar.toString();
		Running javaJar = running(25, "Linux", Map.of(), List.of(), List.of("--server.port=1"));
		assertThat(StartCache.plan(javaJar)).isPresent();
		// the extracted jar (plain class loader), as a start from the cache runs it
		assertThat(StartCache
			.plan(new Running(25, "Linux", Map.of(), jar, jar, "jdk.internal.loader.ClassLoaders$AppClassLoader",
					List.of(), JAVA_HOME, "25.0.3", home(), List.of(), STARTED)))
			.isEmpty();
		// java -cp yixing.jar org.springframework.boot.loader.launch.JarLauncher
		assertThat(StartCache
			.plan(new Running(25, "Linux", Map.of(), jar, "org.springframework.boot.loader.launch.JarLauncher", LOADER,
					List.of(), JAVA_HOME, "25.0.3", home(), List.of(), STARTED)))
			.isEmpty();
		assertThat(StartCache.plan(new Running(25, "Linux", Map.of(), jar + ":other.jar", jar, LOADER, List.of(),
				JAVA_HOME, "25.0.3", home(), List.of(), STARTED)))
			.isEmpty();
	}

	@Test
	void aRestoreStartsWithoutTheCacheForTheTrainingRunWouldRestoreOutOfSight() throws IOException {
		assertThat(StartCache
			.plan(running(25, "Linux", Map.of("YIXING_RESTORE_FROM", "/mnt/nas/yixing"), List.of(), List.of())))
			.isEmpty();
		assertThat(StartCache
			.plan(running(25, "Linux", Map.of(), List.of(), List.of("--yixing.restore.from=/mnt/nas/yixing"))))
			.isEmpty();
		assertThat(StartCache
			.plan(running(25, "Linux", Map.of(), List.of("-Dyixing.restore.from=/mnt/nas/yixing"), List.of())))
			.isEmpty();
		assertThat(StartCache.plan(running(25, "Linux", Map.of("YIXING_RESTORE_FROM", " "), List.of(), List.of())))
			.as("set to nothing")
			.isPresent();
	}

	@Test
	void anotherJarJavaOrOptionsHasACacheOfItsOwn() throws IOException {
		Path first = plan(25, "Linux", Map.of(), List.of("-Xmx1g")).orElseThrow().folder();

		assertThat(plan(25, "Linux", Map.of(), List.of("-Xmx1g")).orElseThrow().folder()).isEqualTo(first);
		assertThat(plan(25, "Linux", Map.of(), List.of("-Xmx2g")).orElseThrow().folder()).isNotEqualTo(first);
		assertThat(StartCache
			.plan(new Running(25, "Linux", Map.of(), this.jar.toString(), this.jar.toString(), LOADER,
					List.of("-Xmx1g"), JAVA_HOME, "25.0.4", home(), List.of(), STARTED))
			.orElseThrow()
			.folder()).as("another build of Java").isNotEqualTo(first);
		Files.setLastModifiedTime(this.jar,
				FileTime.fromMillis(Files.getLastModifiedTime(this.jar).toMillis() - 60_000));
		assertThat(plan(25, "Linux", Map.of(), List.of("-Xmx1g")).orElseThrow().folder()).as("the jar replaced")
			.isNotEqualTo(first);
	}

	@Test
	void preparingACacheRemovesTheSameJarsOthersAndUnusedOnesButNotOneInUseOrJustChosen() throws Exception {
		Plan plan = plan(25, "Linux", Map.of(), List.of()).orElseThrow();
		Path root = plan.folder().getParent();
		Path sameJarInUse = cache(root, "start-1", this.jar.toRealPath().toString(), Instant.now());
		Path sameJar = cache(root, "start-2", this.jar.toRealPath().toString(),
				Instant.now().minus(Duration.ofHours(1)));
		// chosen by a start a moment ago, whose JVM does not hold the lock yet
		Path sameJarJustChosen = cache(root, "start-6", this.jar.toRealPath().toString(), Instant.now());
		Path otherJar = cache(root, "start-3", "/opt/other/yixing.jar", Instant.now());
		Path otherJarUnused = cache(root, "start-4", "/opt/other/yixing.jar",
				Instant.now().minus(StartCache.UNUSED_DAYS + 1, ChronoUnit.DAYS));
		Path unfinished = Files.createDirectories(root.resolve("start-5"));
		try (FileChannel channel = FileChannel.open(StartCache.lockFile(sameJarInUse), StandardOpenOption.CREATE,
				StandardOpenOption.READ, StandardOpenOption.WRITE);
				FileLock held = channel.lock(0, Long.MAX_VALUE, true)) {
			StartCache.removeOthers(plan);
		}

		assertThat(sameJarInUse).as("a running JVM holds its lock").isDirectory();
		assertThat(sameJar).doesNotExist();
		assertThat(StartCache.lockFile(sameJar)).doesNotExist();
		assertThat(sameJarJustChosen).as("a start's JVM on its way to it").isDirectory();
		assertThat(otherJar).isDirectory();
		assertThat(otherJarUnused).doesNotExist();
		assertThat(unfinished).doesNotExist();
	}

	@Test
	void aStartWaitingForAnotherThatPreparesTheSameCacheGoesOnOnceItIsReady() throws Exception {
		// the other start prepares, then holds the lock shared for its life as it runs
		// from
		// the cache: waiting for the lock would wait as long
		Plan plan = plan(25, "Linux", Map.of(), List.of()).orElseThrow();
		Files.createDirectories(plan.folder().resolve("app"));
		try (FileChannel other = FileChannel.open(StartCache.lockFile(plan.folder()), StandardOpenOption.CREATE,
				StandardOpenOption.READ, StandardOpenOption.WRITE);
				FileLock running = other.lock(0, Long.MAX_VALUE, true);
				FileChannel mine = FileChannel.open(StartCache.lockFile(plan.folder()), StandardOpenOption.READ,
						StandardOpenOption.WRITE)) {
			Thread prepared = Thread.ofVirtual().start(() -> {
				try {
					Thread.sleep(300);
					Files.writeString(plan.extracted(), "jar");
					Files.writeString(plan.cache(), "cache");
					Files.writeString(plan.readyFile(), this.jar + "\n");
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			long started = System.nanoTime();

			assertThat(StartCache.lockOrReady(mine, plan)).isNull();

			assertThat(plan.isReady()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			prepared.join();
		}
	}

	private static Path cache(Path root, String name, String jar, Instant used) throws IOException {
		Path folder = Files.createDirectories(root.resolve(name).resolve("app"));
		Path ready = Files.writeString(folder.resolveSibling("ready"), jar + "\n");
		Files.setLastModifiedTime(ready, FileTime.from(used));
		return folder.getParent();
	}

	@Test
	void theStartedJvmDoesNotTakeTheOptionsOfTheEnvironmentTwice() {
		assertThat(StartCache.environment(Map.of("PATH", "/usr/bin", "JAVA_TOOL_OPTIONS", "-Xmx1g", "JDK_JAVA_OPTIONS",
				"-Dx=1", "_JAVA_OPTIONS", "-Dy=2", "YIXING_DATA_DIR", "/var/lib/yixing")))
			.containsExactlyInAnyOrder("PATH=/usr/bin", "YIXING_DATA_DIR=/var/lib/yixing");
	}

	@Test
	void aCacheFolderThatOthersMayWriteToOrALinkIsNotUsed() throws IOException {
		Path root = this.folder.resolve("cache");
		assertThat(StartCache.refusal(root)).as("not there yet").isNull();
		Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		assertThat(StartCache.refusal(root)).isNull();
		Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
		assertThat(StartCache.refusal(root)).startsWith("others may write to it");
		Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
		assertThat(StartCache.refusal(root)).as("others may read it, not write to it").isNull();
		Path link = Files.createSymbolicLink(this.folder.resolve("link"), root);
		assertThat(StartCache.refusal(link)).startsWith("it is not a folder");
	}

	@Test
	void theTrainingRunShowsItsOwnLinesButNotTheJvmsOnItsCache() {
		assertThat(
				StartCache.jvmCacheLine("[13.791s][warning][aot] Skipping jdk/proxy2/$Proxy30: Unsupported location"))
			.isTrue();
		assertThat(StartCache.jvmCacheLine(
				"[1.540s][warning][cds] class X cannot be archived because it was not defined from y.jar as claimed"))
			.isTrue();
		assertThat(StartCache.jvmCacheLine("Temporary AOTConfiguration recorded: /c/yixing.aot.config")).isTrue();
		assertThat(StartCache.jvmCacheLine("AOTCache creation is complete: /c/yixing.aot 97730560 bytes")).isTrue();
		assertThat(StartCache.jvmCacheLine("2026-12-05T09:31:48.710Z  INFO 27279 --- [yixing] [main] "
				+ "org.yixing.shared.TrainingRun : Training run: the context is built; exiting"))
			.isFalse();
		assertThat(StartCache.jvmCacheLine("APPLICATION FAILED TO START")).isFalse();
	}

	@Test
	void execveReplacesTheProgramOfTheSameProcessWithItsArgumentsAndEnvironment() throws Exception {
		assumeTrue(Runtime.version().feature() >= 22, "the foreign-function API is Java 22's");
		ChildJvm child = ChildJvm.start(null, List.of("--enable-native-access=ALL-UNNAMED"), Replacing.class);

		assertThat(child.exitValue(60, TimeUnit.SECONDS)).as(child.output()).isEqualTo(7);
		assertThat(child.output()).contains("replaced: pid " + child.process().pid() + ", arguments [one, two words], "
				+ "YIXING_PROBE=yes, JAVA_TOOL_OPTIONS=null");
	}

	private Optional<Plan> plan(int java, String os, Map<String, String> env, List<String> options) throws IOException {
		return StartCache.plan(running(java, os, env, options, List.of()));
	}

	private Running running(int java, String os, Map<String, String> env, List<String> options, List<String> args) {
		return new Running(java, os, env, this.jar.toString(), this.jar.toString(), LOADER, options, JAVA_HOME,
				"25.0.3", home(), args, STARTED);
	}

	private String home() {
		return this.folder.resolve("home").toString();
	}

	/** Replaces itself with {@link Replaced}, in a new environment. */
	static final class Replacing {

		public static void main(String[] args) throws Throwable {
			String java = ProcessHandle.current().info().command().orElseThrow();
			List<String> argv = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
					Replaced.class.getName(), "one", "two words"));
			List<String> env = new ArrayList<>(StartCache.environment(Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g")));
			env.add("YIXING_PROBE=yes");
			LibC.execve(java, argv, env);
			System.out.println("execve returned");
			System.exit(1);
		}

	}

	/** Says who it is. */
	static final class Replaced {

		public static void main(String[] args) {
			System.out.println("replaced: pid " + ProcessHandle.current().pid() + ", arguments " + List.of(args)
					+ ", YIXING_PROBE=" + System.getenv("YIXING_PROBE") + ", JAVA_TOOL_OPTIONS="
					+ System.getenv("JAVA_TOOL_OPTIONS"));
			System.exit(7);
		}

	}

}
