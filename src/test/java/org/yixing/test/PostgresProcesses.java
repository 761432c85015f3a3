package org.yixing.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Watches Linux's {@code /proc} for PostgreSQL servers while it is open, and remembers
 * each one seen: the binary it runs and its data folder. For a server too short-lived to
 * ask afterwards, such as the one that verifies a backup.
 */
public final class PostgresProcesses implements AutoCloseable {

	/** A server seen: its binary and its data folder ({@code -D}). */
	public record Seen(Path binary, String dataFolder) {
	}

	private final Set<Seen> seen = ConcurrentHashMap.newKeySet();

	private final Thread watcher;

	private volatile boolean open = true;

	private PostgresProcesses() {
		this.watcher = Thread.ofPlatform().daemon().name("postgres-watcher").start(() -> {
			while (this.open) {
				look();
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
	}

	public static PostgresProcesses watch() {
		return new PostgresProcesses();
	}

	/** Every server seen so far. */
	public Set<Seen> seen() {
		return Set.copyOf(this.seen);
	}

	private void look() {
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			processes.filter((p) -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach((p) -> {
				try {
					Path binary = Files.readSymbolicLink(p.resolve("exe"));
					if (!binary.getFileName().toString().equals("postgres")) {
						return;
					}
					String[] arguments = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
						.split("\0");
					for (int i = 0; i + 1 < arguments.length; i++) {
						if (arguments[i].equals("-D")) {
							this.seen.add(new Seen(binary, arguments[i + 1]));
						}
					}
				}
				catch (IOException | UnsupportedOperationException ex) {
					// gone meanwhile, or another user's
				}
			});
		}
		catch (IOException ex) {
			// /proc unreadable for a moment
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.open = false;
		this.watcher.join();
	}

}
