package org.yixing.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Another JVM running a main class of the test class path, for what only a process shows:
 * its start, a signal, its end. Its output and error stream are one, read line by line.
 */
public final class ChildJvm {

	private final Process process;

	private final BufferedReader lines;

	private final StringBuilder output = new StringBuilder();

	private ChildJvm(Process process) {
		this.process = process;
		this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	/**
	 * Starts {@code main} in a JVM like this one (same {@code java}, same class path).
	 * @param directory its working directory, or this JVM's when null
	 * @param options JVM options, before the class path
	 */
	public static ChildJvm start(@Nullable Path directory, List<String> options, Class<?> main, String... args)
			throws IOException {
		return start(directory, null, options, main, args);
	}

	/**
	 * The same, in an environment of exactly these variables instead of this JVM's: what
	 * a library reads from the environment is then only what the test gives it.
	 */
	public static ChildJvm startIn(Map<String, String> environment, List<String> options, Class<?> main, String... args)
			throws IOException {
		return start(null, environment, options, main, args);
	}

	private static ChildJvm start(@Nullable Path directory, @Nullable Map<String, String> environment,
			List<String> options, Class<?> main, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElseThrow());
		command.addAll(options);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		if (environment != null) {
			builder.environment().clear();
			builder.environment().putAll(environment);
		}
		return new ChildJvm(builder.start());
	}

	/** Reads its output up to and including {@code line}: false when it ended first. */
	public boolean readUntil(String line) throws IOException {
		return read(line);
	}

	/** Reads its output to the end and waits for its exit. */
	public int exitValue(long timeout, TimeUnit unit) throws IOException, InterruptedException {
		read(null);
		if (!this.process.waitFor(timeout, unit)) {
			throw new AssertionError("still running after " + timeout + " " + unit + ":\n" + this.output);
		}
		return this.process.exitValue();
	}

	private boolean read(@Nullable String until) throws IOException {
		for (String read = this.lines.readLine(); read != null; read = this.lines.readLine()) {
			this.output.append(read).append('\n');
			if (read.equals(until)) {
				return true;
			}
		}
		return false;
	}

	/** What it printed so far. */
	public String output() {
		return this.output.toString();
	}

	public Process process() {
		return this.process;
	}

}
