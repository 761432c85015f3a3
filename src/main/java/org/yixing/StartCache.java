package org.yixing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.util.FileSystemUtils;
import org.yixing.shared.LibC;
import org.yixing.shared.PrivateFolder;

/**
 * {@code java -jar yixing.jar} started from a JDK 25 AOT cache, without options (issue
 * 25, docs/OPERATIONS.md "Start-up and memory"). The first start of a jar on a Java
 * prepares the cache as Spring Boot documents it: the jar extracted into a folder of the
 * user's cache ({@code ~/.cache/yixing}, or {@code YIXING_START_CACHE}), and a training
 * run with the same options and arguments that builds the context and exits. Every start
 * from then on replaces its own process ({@code execve}: the same process id, its
 * signals, standard streams and exit status) with {@code java -XX:AOTCache=… -jar} of the
 * extracted jar, with the same options and arguments; that start is ready in about half
 * the time. Where it does not apply (Java before 25, Windows, a start that is not
 * {@code java -jar} of the executable jar, one that already names a cache, an agent or
 * {@code YIXING_START_CACHE=off}) or anything fails, the start goes on in this process as
 * before. {@code Start} calls it by reflection, after its check of the Java version
 * (nothing here names {@code Start}: javac would compile it again, for Java 21).
 */
final class StartCache {

	/** Where the cache lives, or {@value #OFF}. */
	static final String SETTING = "YIXING_START_CACHE";

	static final String OFF = "off";

	/** The first Java whose AOT cache ({@code -XX:AOTCacheOutput}, JEP 514) this uses. */
	static final int AOT_CACHE_JAVA = 25;

	/**
	 * {@code org.yixing.shared.TrainingRun}'s property, named here so that nothing of
	 * Spring is loaded before the start replaces itself.
	 */
	static final String TRAINING_RUN = "yixing.training-run";

	/** When the JVM that began the start started (epoch ms), for the ready line. */
	static final String STARTED_PROPERTY = "yixing.start-cache.started";

	/** The folder a start used, for the ready line. */
	static final String FOLDER_PROPERTY = "yixing.start-cache.folder";

	/** The environment variables whose options the JVM has already taken in. */
	static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

	/**
	 * JVM options with which a cache would be wrong or unwanted: the operator's own
	 * cache, an agent.
	 */
	private static final List<String> OWN_OPTIONS = List.of("-XX:AOTCache", "-XX:AOTCacheOutput", "-XX:AOTMode",
			"-XX:AOTConfiguration", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit", "-XX:+AutoCreateSharedArchive",
			"-Xshare", "-agentlib", "-agentpath", "-javaagent", "-Xrunjdwp", "-Djarmode", "-Dspring.context.exit",
			"-D" + TRAINING_RUN);

	private static final String LAUNCHED_CLASS_LOADER = "org.springframework.boot.loader.launch.LaunchedClassLoader";

	/** The JVM's unified logging of its cache, e.g. {@code [13.791s][warning][aot]}. */
	private static final Pattern JVM_LOG_LINE = Pattern.compile("\\[[0-9.]+s\\]\\[\\w+ *\\]\\[(aot|cds)");

	private static final List<String> JVM_CACHE_STEPS = List.of("Temporary AOTConfiguration recorded",
			"Launching child process ", "Picked up JAVA_TOOL_OPTIONS: ", "Reading AOTConfiguration ",
			"AOTCache creation is complete", "Removed temporary AOT configuration file");

	/** How long a start waits for another that prepares the same cache. */
	static final Duration WAIT_FOR_OTHER = Duration.ofMinutes(10);

	/** A cache unused for this long goes when another is prepared. */
	static final int UNUSED_DAYS = 30;

	/**
	 * A cache a start chose this recently stays when another is prepared: that start's
	 * JVM may not yet hold the cache's lock ({@link #markInUse}), which it takes only
	 * once it runs (two starts of one jar with different options at the same moment, e.g.
	 * two nodes on one host, removed each other's cache from under the {@code execve}).
	 */
	static final Duration JUST_CHOSEN = Duration.ofMinutes(2);

	/**
	 * The lock of the cache this JVM started from, held for its life
	 * ({@link #markInUse}).
	 */
	@SuppressWarnings("unused")
	private static FileChannel inUse;

	private StartCache() {
	}

	/**
	 * Starts from the cache, preparing it first if this jar and Java have none; returns
	 * only where the start goes on in this process.
	 * @param args the application's arguments
	 */
	static void startFromCache(String[] args) {
		markInUse();
		try {
			Optional<Plan> plan = plan(Running.now(args));
			if (plan.isEmpty()) {
				return;
			}
			Plan start = plan.get();
			String refusal = refusal(start.folder().getParent());
			if (refusal != null) {
				say("the start-up cache's folder " + start.folder().getParent() + " is not used: " + refusal
						+ "; starting without it");
				return;
			}
			if (!start.isReady() && !prepare(start, args)) {
				return;
			}
			// when it was last used: caches unused for a month go (removeOthers)
			Files.setLastModifiedTime(start.readyFile(), FileTime.from(Instant.now()));
			List<String> env = environment(System.getenv());
			System.out.flush();
			System.err.flush();
			int status = LibC.execve(start.java().toString(), start.command(args), env);
			say("the start-up cache in " + start.folder() + " could not be used (execve: " + status
					+ "); starting without it");
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			say("the start-up cache could not be used (" + ex + "); starting without it");
		}
	}

	/**
	 * What a start would do, or nothing where the cache does not apply: Java before 25,
	 * Windows, {@code YIXING_START_CACHE=off}, a start other than {@code java -jar} of
	 * the executable jar, one with a cache or an agent of its own, and a restore
	 * ({@code YIXING_RESTORE_FROM}: a one-off that the training run would do out of
	 * sight).
	 * @param running this start
	 * @return the plan, if the cache applies
	 * @throws IOException if the jar cannot be read
	 */
	static Optional<Plan> plan(Running running) throws IOException {
		String setting = running.env().getOrDefault(SETTING, "").trim();
		String classPath = running.classPath();
		boolean fatJarByJavaJar = LAUNCHED_CLASS_LOADER.equals(running.classLoader()) && classPath.endsWith(".jar")
				&& !classPath.contains(File.pathSeparator)
				&& (running.command().equals(classPath) || running.command().startsWith(classPath + " "));
		if (running.javaFeature() < AOT_CACHE_JAVA || running.osName().startsWith("Windows")
				|| OFF.equalsIgnoreCase(setting) || !fatJarByJavaJar
				|| running.jvmOptions().stream().anyMatch(StartCache::ownOption) || restores(running)) {
			return Optional.empty();
		}
		Path root = cacheRoot(setting, running.env().getOrDefault("XDG_CACHE_HOME", ""), running.userHome());
		if (root == null) {
			return Optional.empty();
		}
		Path jar = Path.of(classPath).toRealPath();
		String key = String.join("\n", jar.toString(), Long.toString(Files.size(jar)),
				Long.toString(Files.getLastModifiedTime(jar).toMillis()), running.javaHome().toString(),
				running.vmVersion(), String.join("\u0000", running.jvmOptions()));
		return Optional.of(new Plan(jar, root.resolve("start-" + digest(key).substring(0, 16)),
				running.javaHome().resolve("bin").resolve("java"), List.copyOf(running.jvmOptions()),
				running.jvmStarted()));
	}

	private static boolean ownOption(String option) {
		return OWN_OPTIONS.stream().anyMatch(option::startsWith);
	}

	private static boolean restores(Running running) {
		return !running.env().getOrDefault("YIXING_RESTORE_FROM", "").isBlank()
				|| running.args().stream().anyMatch((arg) -> arg.startsWith("--yixing.restore.from="))
				|| running.jvmOptions().stream().anyMatch((option) -> option.startsWith("-Dyixing.restore.from="));
	}

	/**
	 * Why the cache's folder may not be used, or null: a start runs the code kept there,
	 * so it must be this account's alone ({@link PrivateFolder}), or not there yet (then
	 * made so).
	 * @param root the cache's folder
	 * @return why not, or null
	 * @throws IOException if it cannot be read
	 */
	static @Nullable String refusal(Path root) throws IOException {
		return Files.exists(root, LinkOption.NOFOLLOW_LINKS) ? PrivateFolder.refusal(root) : null;
	}

	private static Path cacheRoot(String setting, String xdgCacheHome, String userHome) {
		if (!setting.isEmpty()) {
			return Path.of(setting).toAbsolutePath();
		}
		if (!xdgCacheHome.isEmpty() && Path.of(xdgCacheHome).isAbsolute()) {
			return Path.of(xdgCacheHome, "yixing");
		}
		if (userHome.isEmpty() || "?".equals(userHome)) {
			return null;
		}
		return Path.of(userHome, ".cache", "yixing");
	}

	/**
	 * The environment of the started JVM: without the variables whose options the JVM
	 * took in already, as {@code NAME=value} lines. The options themselves travel as
	 * options ({@link Plan#command}), which the JVM would otherwise take twice.
	 * @param env this process's environment
	 * @return the started JVM's environment
	 */
	static List<String> environment(Map<String, String> env) {
		List<String> lines = new ArrayList<>();
		env.forEach((name, value) -> {
			if (!OPTION_VARIABLES.contains(name)) {
				lines.add(name + "=" + value);
			}
		});
		return lines;
	}

	/**
	 * Extracts the jar and trains the cache, one start at a time per cache folder. The
	 * training run is a start with this one's settings up to its context (the schema
	 * migrated, as this start would), so its output is shown as it comes, and kept in
	 * {@code prepare.log}.
	 * @return whether the cache is ready
	 */
	private static boolean prepare(Plan plan, String[] args) throws IOException, InterruptedException {
		Path root = plan.folder().getParent();
		if (!Files.isDirectory(root)) {
			// the cache holds code that the next start runs: its owner's alone
			PrivateFolder.restrict(root);
		}
		try (FileChannel channel = FileChannel.open(lockFile(plan.folder()), StandardOpenOption.CREATE,
				StandardOpenOption.READ, StandardOpenOption.WRITE); FileLock lock = lockOrReady(channel, plan)) {
			if (plan.isReady()) {
				return true;
			}
			if (lock == null) {
				say("the start-up cache in " + plan.folder() + " was still being prepared by another start after "
						+ WAIT_FOR_OTHER.toMinutes() + " minutes: starting without it");
				return false;
			}
			long started = System.nanoTime();
			say("preparing a start-up cache for this jar and this Java in " + plan.folder()
					+ " (once per version: a training run, about half a minute); later starts are ready in about "
					+ "half the time. " + SETTING + "=off goes without it");
			removeOthers(plan);
			FileSystemUtils.deleteRecursively(plan.folder());
			Files.createDirectories(plan.folder());
			Path log = plan.folder().resolve("prepare.log");
			boolean ready = run(plan.extract(), log, false) && run(plan.training(args), log, true)
					&& Files.isRegularFile(plan.cache());
			if (!ready) {
				say("the start-up cache could not be prepared (" + log + "); starting without it");
				return false;
			}
			Files.writeString(plan.readyFile(), plan.jar() + "\n", StandardCharsets.UTF_8);
			say("start-up cache ready in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)
					+ " s; starting from it");
			return true;
		}
	}

	/**
	 * The lock to prepare the cache, or none once another start has prepared it: that
	 * start releases the lock and then holds it shared for its life, as it starts from
	 * the cache ({@link #markInUse}), so a start that waited for the lock would wait as
	 * long.
	 * @param channel the cache's lock file
	 * @param plan the cache
	 * @return the lock, or null when the cache is ready or the wait is over
	 * @throws IOException if the lock file cannot be locked
	 * @throws InterruptedException if the wait is interrupted
	 */
	static FileLock lockOrReady(FileChannel channel, Plan plan) throws IOException, InterruptedException {
		long until = System.nanoTime() + WAIT_FOR_OTHER.toNanos();
		while (true) {
			FileLock lock = tryLock(channel);
			if (lock != null || plan.isReady() || System.nanoTime() > until) {
				return lock;
			}
			Thread.sleep(200);
		}
	}

	/**
	 * Other caches: those of the same jar path (the jar replaced by the next version,
	 * another Java, other options), those unused for {@value #UNUSED_DAYS} days and those
	 * left unfinished; never one that a running JVM started from ({@link #markInUse}) or
	 * that another start prepares, which hold its lock, nor one that a start chose within
	 * {@link #JUST_CHOSEN} (its JVM starting, not yet holding the lock).
	 * @param plan the cache being prepared
	 * @throws IOException if the cache's folder cannot be read
	 */
	static void removeOthers(Plan plan) throws IOException {
		Instant unused = Instant.now().minus(UNUSED_DAYS, ChronoUnit.DAYS);
		Instant justChosen = Instant.now().minus(JUST_CHOSEN);
		try (Stream<Path> folders = Files.list(plan.folder().getParent())) {
			for (Path other : folders
				.filter((path) -> path.getFileName().toString().startsWith("start-") && Files.isDirectory(path)
						&& !path.equals(plan.folder()))
				.toList()) {
				Path lockFile = lockFile(other);
				try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
						StandardOpenOption.READ, StandardOpenOption.WRITE); FileLock lock = tryLock(channel)) {
					if (lock == null) {
						continue;
					}
					Path ready = other.resolve("ready");
					boolean unfinished = !Files.isRegularFile(ready);
					Instant used = unfinished ? Instant.EPOCH : Files.getLastModifiedTime(ready).toInstant();
					if (unfinished || used.isBefore(unused) || (used.isBefore(justChosen)
							&& Files.readString(ready, StandardCharsets.UTF_8).strip().equals(plan.jar().toString()))) {
						FileSystemUtils.deleteRecursively(other);
						Files.deleteIfExists(lockFile);
					}
				}
			}
		}
	}

	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// this JVM holds it
			return null;
		}
	}

	/**
	 * In a JVM started from a cache: holds a shared lock on the cache's lock file for the
	 * JVM's life, so that no other start removes the jars it loads its classes from.
	 */
	static void markInUse() {
		String folder = System.getProperty(FOLDER_PROPERTY);
		if (folder == null) {
			return;
		}
		try {
			FileChannel channel = FileChannel.open(lockFile(Path.of(folder)), StandardOpenOption.CREATE,
					StandardOpenOption.READ, StandardOpenOption.WRITE);
			channel.lock(0, Long.MAX_VALUE, true);
			inUse = channel;
		}
		catch (IOException | RuntimeException ex) {
			say("the start-up cache in " + folder + " could not be marked in use (" + ex + ")");
		}
	}

	static Path lockFile(Path folder) {
		return folder.resolveSibling(folder.getFileName() + ".lock");
	}

	/**
	 * Runs a step of the preparation to its end, its output into the log (and shown); a
	 * stop of this start (SIGTERM, Ctrl-C) stops it too.
	 */
	private static boolean run(List<String> command, Path log, boolean shown) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		OPTION_VARIABLES.forEach(builder.environment()::remove);
		Process process = builder.start();
		Thread stop = new Thread(() -> {
			process.destroy();
			try {
				process.waitFor(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "start-cache-stop");
		Runtime.getRuntime().addShutdownHook(stop);
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				Writer kept = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND)) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				kept.write(line);
				kept.write('\n');
				if (shown && !jvmCacheLine(line)) {
					System.out.println(line);
				}
			}
			return process.waitFor() == 0;
		}
		finally {
			Runtime.getRuntime().removeShutdownHook(stop);
		}
	}

	/**
	 * What the JVM says of the cache it writes: hundreds of lines on classes it leaves
	 * out ({@code [warning][aot] Skipping …}, which the JDK's documentation expects of a
	 * training run) and the steps of writing it. Kept in the log, not shown.
	 * @param line a line of the training run's output
	 * @return whether it is the JVM's about its cache
	 */
	static boolean jvmCacheLine(String line) {
		return JVM_LOG_LINE.matcher(line).lookingAt() || JVM_CACHE_STEPS.stream().anyMatch(line::startsWith);
	}

	private static String digest(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void say(String what) {
		System.out.println("Yixing: " + what);
	}

	/**
	 * This start, as far as the cache is concerned.
	 *
	 * @param javaFeature the running Java's feature release
	 * @param osName {@code os.name}
	 * @param env the environment
	 * @param classPath {@code java.class.path}
	 * @param command {@code sun.java.command}: for {@code -jar}, the jar and the
	 * arguments
	 * @param classLoader the class name of the loader of the start class
	 * @param jvmOptions the JVM's input arguments
	 * @param javaHome {@code java.home}
	 * @param vmVersion {@code java.vm.version}
	 * @param userHome {@code user.home}
	 * @param args the application's arguments
	 * @param jvmStarted when this JVM started (epoch ms)
	 */
	record Running(int javaFeature, String osName, Map<String, String> env, String classPath, String command,
			String classLoader, List<String> jvmOptions, Path javaHome, String vmVersion, String userHome,
			List<String> args, long jvmStarted) {

		static Running now(String[] args) {
			RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
			return new Running(Runtime.version().feature(), System.getProperty("os.name", ""), System.getenv(),
					System.getProperty("java.class.path", ""), System.getProperty("sun.java.command", ""),
					StartCache.class.getClassLoader().getClass().getName(), runtime.getInputArguments(),
					Path.of(System.getProperty("java.home")), System.getProperty("java.vm.version", ""),
					System.getProperty("user.home", ""), List.of(args), runtime.getStartTime());
		}

	}

	/**
	 * A start from the cache.
	 *
	 * @param jar the executable jar
	 * @param folder the cache's folder for this jar, Java and JVM options
	 * @param java the running Java's launcher
	 * @param jvmOptions the JVM options of this start
	 * @param started when this start's JVM started (epoch ms)
	 */
	record Plan(Path jar, Path folder, Path java, List<String> jvmOptions, long started) {

		Path cache() {
			return this.folder.resolve("yixing.aot");
		}

		Path extracted() {
			return this.folder.resolve("app").resolve("yixing.jar");
		}

		Path readyFile() {
			return this.folder.resolve("ready");
		}

		boolean isReady() {
			return Files.isRegularFile(readyFile()) && Files.isRegularFile(cache()) && Files.isRegularFile(extracted());
		}

		/**
		 * Spring Boot's extraction: the application's jar and its libraries beside it in
		 * {@code lib/}.
		 */
		List<String> extract() {
			return List.of(this.java.toString(), "-Djarmode=tools", "-jar", this.jar.toString(), "extract",
					"--destination", this.folder.resolve("app").toString());
		}

		/**
		 * A training run with this start's options and arguments, which builds the
		 * context and exits ({@code org.yixing.shared.TrainingRun}); the JVM writes the
		 * cache as it exits.
		 */
		List<String> training(String[] args) {
			List<String> command = new ArrayList<>();
			command.add(this.java.toString());
			command.addAll(this.jvmOptions);
			command.add("-XX:AOTCacheOutput=" + cache());
			command.add("-D" + TRAINING_RUN + "=true");
			command.add("-jar");
			command.add(extracted().toString());
			command.addAll(List.of(args));
			return command;
		}

		/** The start from the cache, with this start's options and arguments. */
		List<String> command(String[] args) {
			List<String> command = new ArrayList<>();
			command.add(this.java.toString());
			command.addAll(this.jvmOptions);
			command.add("-XX:AOTCache=" + cache());
			command.add("-D" + FOLDER_PROPERTY + "=" + this.folder);
			command.add("-D" + STARTED_PROPERTY + "=" + this.started);
			command.add("-jar");
			command.add(extracted().toString());
			command.addAll(List.of(args));
			return command;
		}

	}

}
