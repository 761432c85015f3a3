package org.yixing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.yixing.StartCache.Running;
import org.yixing.shared.LibC;

/**
 * The class archive of {@code mvn spring-boot:run} (pom.xml; issue 25): its JVM runs with
 * {@code -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=target/spring-boot-run.jsa},
 * writes that archive (CDS: the classes as loaded) as it stops when there is none, and
 * loads its classes from it at every later start, which is ready about a quarter sooner.
 * When the class path has changed since the archive was written (a rebuilt jar: any
 * change of the application's classes or resources), the JVM starts without the archive
 * and does not write it again (measured on JDK 25.0.3), so every later start would be the
 * slow one. So the class path an archive was written for is kept beside it
 * ({@code spring-boot-run.jsa.key}). A JVM that writes an archive starts 2–3 s slower and
 * stops 4–5 s later, which an edit-and-run loop should not pay at every run: the first
 * run of a new build goes without an archive (as fast as before) and notes the build
 * ({@code spring-boot-run.jsa.next}); the second run of the same build removes the old
 * archive and begins again in the same process ({@code execve}, as the start-up cache
 * does), and that JVM writes the new archive as it stops, for the runs after it. Where a
 * process cannot begin again (Java 21, Windows: no {@code execve}), that run goes on
 * without the archive and the next one writes it. Any JVM started with both options gets
 * the same care, not only Maven's. {@code Start} calls it by reflection, after its check
 * of the Java version.
 */
final class ClassArchive {

	static final String AUTO_CREATE = "-XX:+AutoCreateSharedArchive";

	static final String FILE_OPTION = "-XX:SharedArchiveFile=";

	private static final List<String> AGENT_OPTIONS = List.of("-agentlib", "-agentpath", "-javaagent", "-Xrun");

	private ClassArchive() {
	}

	/**
	 * Keeps this JVM's archive in step with its class path; returns only where the start
	 * goes on in this process.
	 * @param args the application's arguments
	 */
	static void keepInStep(String[] args) {
		try {
			Optional<List<String>> again = keep(Running.now(args));
			if (again.isPresent()) {
				List<String> command = again.get();
				System.out.flush();
				System.err.flush();
				String failure;
				try {
					failure = "execve: "
							+ LibC.execve(command.get(0), command, StartCache.environment(System.getenv()));
				}
				catch (Exception ex) {
					// Java 21 (no foreign functions), no native access
					failure = ex.toString();
				}
				say("could not begin again in this process (" + failure
						+ "); going on without the class archive, which the next run writes as it stops");
			}
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			say("the class archive could not be kept in step (" + ex + "); going on");
		}
	}

	/**
	 * What a start does about its archive: nothing where it has none to keep (no
	 * {@value #AUTO_CREATE}, a base and a top archive named together) or runs with an
	 * agent; where the archive is missing, the class path it will be written for; where
	 * it was written for this class path, nothing; where it is of another build, the
	 * first run of this one goes on without it and notes the build, and the second
	 * removes it and begins again.
	 * @param running this start
	 * @return the command to begin again with, for the second run of a new build
	 * @throws IOException if the archive's files cannot be read or removed
	 */
	static Optional<List<String>> keep(Running running) throws IOException {
		Path archive = archive(running);
		if (archive == null) {
			return Optional.empty();
		}
		Path keyFile = sibling(archive, ".key");
		Path nextFile = sibling(archive, ".next");
		String key = key(running);
		if (!Files.exists(archive)) {
			Files.writeString(keyFile, key, StandardCharsets.UTF_8);
			Files.deleteIfExists(nextFile);
			say("the JVM writes the class archive " + archive + " as this run stops (a few seconds);"
					+ " the runs after it start from it, sooner");
			return Optional.empty();
		}
		if (holds(keyFile, key)) {
			return Optional.empty();
		}
		if (!holds(nextFile, key)) {
			Files.writeString(nextFile, key, StandardCharsets.UTF_8);
			say("the class archive " + archive + " is of an earlier build: this run goes without it;"
					+ " the next run of this build writes a new one");
			return Optional.empty();
		}
		Files.delete(archive);
		Files.deleteIfExists(keyFile);
		say("the class archive " + archive + " is of an earlier build: starting again to write a new one");
		return Optional.of(command(running));
	}

	private static Path sibling(Path archive, String suffix) {
		return archive.resolveSibling(archive.getFileName() + suffix);
	}

	private static boolean holds(Path file, String key) throws IOException {
		return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(key);
	}

	private static Path archive(Running running) {
		if (!running.jvmOptions().contains(AUTO_CREATE)
				|| running.jvmOptions().stream().anyMatch(ClassArchive::agent)) {
			return null;
		}
		String file = null;
		for (String option : running.jvmOptions()) {
			if (option.startsWith(FILE_OPTION)) {
				file = option.substring(FILE_OPTION.length());
			}
		}
		if (file == null || file.isEmpty() || file.contains(File.pathSeparator)) {
			return null;
		}
		return Path.of(file).toAbsolutePath();
	}

	/**
	 * An agent (a debugger's {@code -agentlib:jdwp}, {@code JAVA_TOOL_OPTIONS}' too): the
	 * JVM uses an archive beside it, but one that would write an archive refuses to start
	 * ("CDS dumping does not support native JVMTI agent"), so an archive it has is kept.
	 */
	private static boolean agent(String option) {
		return AGENT_OPTIONS.stream().anyMatch(option::startsWith);
	}

	/**
	 * What the JVM checks an archive against: the Java, the JVM options and each jar of
	 * the class path by its size and time.
	 * @param running this start
	 * @return the archive's key, as text
	 * @throws IOException if a jar cannot be read
	 */
	static String key(Running running) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add(running.javaHome() + " " + running.vmVersion());
		running.jvmOptions().stream().filter((option) -> !startedOption(option)).forEach(lines::add);
		for (String entry : running.classPath().split(File.pathSeparator)) {
			Path path = Path.of(entry);
			lines.add(Files.isRegularFile(path)
					? entry + " " + Files.size(path) + " " + Files.getLastModifiedTime(path).toMillis() : entry);
		}
		return String.join("\n", lines) + "\n";
	}

	/**
	 * This start again: the same Java, options, class path, main class (or jar) and
	 * arguments, its ready line counting from this JVM's start.
	 * @param running this start
	 * @return the command
	 */
	static List<String> command(Running running) {
		List<String> command = new ArrayList<>();
		command.add(running.javaHome().resolve("bin").resolve("java").toString());
		String started = "-D" + StartCache.STARTED_PROPERTY + "=" + running.jvmStarted();
		for (String option : running.jvmOptions()) {
			if (startedOption(option)) {
				started = option;
			}
			else {
				command.add(option);
			}
		}
		command.add(started);
		String classPath = running.classPath();
		if (running.command().equals(classPath) || running.command().startsWith(classPath + " ")) {
			command.addAll(List.of("-jar", classPath));
		}
		else {
			command.addAll(List.of("-cp", classPath, running.command().split(" ", 2)[0]));
		}
		command.addAll(running.args());
		return command;
	}

	private static boolean startedOption(String option) {
		return option.startsWith("-D" + StartCache.STARTED_PROPERTY + "=");
	}

	private static void say(String what) {
		System.out.println("Yixing: " + what);
	}

}
