package org.yixing.shared.db;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server keeps its log in files of its own, {@code log/postgresql-Mon.log}
 * and so on in its data folder, one per weekday, each emptied when its day comes again;
 * this follows the newest into Yixing's log at {@link PostgresLog}'s levels.
 * <p>
 * zonky reads the server's output through the pipe of {@code pg_ctl}, which ends once the
 * server has started: the JDK then reads what is left and closes the pipe, and everything
 * the server said afterwards (a refused password, a full disk, a process the OOM killer
 * ended) was lost. PostgreSQL's own logging collector writes it to files instead, which
 * an operator can also read after the fact.
 */
final class PostgresLogFiles implements AutoCloseable {

	static final String FOLDER = "log";

	private static final Logger log = LoggerFactory.getLogger(PostgresLogFiles.class);

	private static final long EVERY_MILLIS = 1000;

	private final Path folder;

	private final Thread follower;

	private volatile boolean closed;

	private @Nullable Path file;

	private long offset;

	private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

	private Level message = Level.INFO;

	private PostgresLogFiles(Path folder, @Nullable Path file, long offset) {
		this.folder = folder;
		this.file = file;
		this.offset = offset;
		this.follower = Thread.ofPlatform().daemon().name("postgres-log").unstarted(this::follow);
	}

	/** The server settings that make it write these files. */
	static Map<String, String> settings() {
		return Map.of("logging_collector", "on", "log_directory", FOLDER, "log_filename", "postgresql-%a.log",
				"log_rotation_age", "1d", "log_rotation_size", "0", "log_truncate_on_rotation", "on");
	}

	/**
	 * Called before the server starts: what its files already hold is an earlier run's,
	 * and only what is written from now on is followed.
	 */
	static PostgresLogFiles before(Path dataDirectory) {
		Path folder = dataDirectory.resolve(FOLDER);
		Optional<Path> newest = newest(folder);
		long size = newest.map(PostgresLogFiles::size).orElse(0L);
		return new PostgresLogFiles(folder, newest.orElse(null), size);
	}

	/** Follows the files until {@link #close()}. */
	void start() {
		this.follower.start();
	}

	private void follow() {
		while (!this.closed) {
			try {
				Thread.sleep(EVERY_MILLIS);
			}
			catch (InterruptedException ex) {
				// closed: read what is left
			}
			read();
		}
	}

	/** Reads what was added to the current file, then moves to a newer one if any. */
	synchronized void read() {
		try {
			if (this.file != null) {
				readRest(this.file);
			}
			Optional<Path> newest = newest(this.folder);
			if (newest.isPresent() && !newest.get().equals(this.file)) {
				// a new day's file, or the first
				this.file = newest.get();
				this.offset = 0;
				flushPartial();
				readRest(this.file);
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Could not read the embedded PostgreSQL's log in {}: {}", this.folder, ex.toString());
		}
	}

	private void readRest(Path current) throws IOException {
		long size = size(current);
		if (size < this.offset) {
			// emptied for a new week's day
			this.offset = 0;
			this.partial.reset();
		}
		if (size == this.offset) {
			return;
		}
		try (FileChannel channel = FileChannel.open(current, StandardOpenOption.READ)) {
			channel.position(this.offset);
			ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
			int read;
			while ((read = channel.read(buffer)) > 0) {
				this.offset += read;
				split(buffer.array(), read);
				buffer.clear();
			}
		}
	}

	private void split(byte[] bytes, int length) {
		int start = 0;
		for (int i = 0; i < length; i++) {
			if (bytes[i] == '\n') {
				this.partial.write(bytes, start, i - start);
				flushPartial();
				start = i + 1;
			}
		}
		this.partial.write(bytes, start, length - start);
	}

	private void flushPartial() {
		if (this.partial.size() == 0) {
			return;
		}
		String line = this.partial.toString(StandardCharsets.UTF_8);
		this.partial.reset();
		this.message = PostgresLog.log("postgres", line, this.message);
	}

	private static Optional<Path> newest(Path folder) {
		if (!Files.isDirectory(folder)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".log"))
				.max(Comparator.comparing(PostgresLogFiles::modified));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static FileTime modified(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * Stops following, after reading what the server wrote last (its shutdown); once,
	 * however often it is called.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.follower.interrupt();
		try {
			this.follower.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		read();
	}

}
