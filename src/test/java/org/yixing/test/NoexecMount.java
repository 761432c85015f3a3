package org.yixing.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A small RAM file system mounted {@code noexec} (as hardened servers mount
 * {@code /tmp}), for as long as it is open. Mounting takes root, or a container allowed
 * to mount: where that is not so, the test that asks for one is skipped.
 */
public final class NoexecMount implements AutoCloseable {

	private final Path point;

	private NoexecMount(Path point) {
		this.point = point;
	}

	/** Mounts it on {@code point}, an empty folder that is created if absent. */
	public static NoexecMount at(Path point) throws IOException, InterruptedException {
		Files.createDirectories(point);
		int exit = run("mount", "-t", "tmpfs", "-o", "noexec,size=256m", "tmpfs", point.toString());
		assumeThat(exit).as("mounting a file system (root, in a container that allows it)").isZero();
		return new NoexecMount(point);
	}

	public Path point() {
		return this.point;
	}

	@Override
	public void close() throws IOException, InterruptedException {
		run("umount", "--lazy", this.point.toString());
	}

	private static int run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}

}
