package org.yixing.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backup folder ({@code YIXING_BACKUP_DIR}) as it is laid out on disk, readable
 * without the application's database (a restore starts from it alone):
 *
 * <pre>
 * wal/&lt;segment&gt;                  the archived write-ahead log
 * base/&lt;id&gt;/data/…               the PostgreSQL data folder, with its backup_label
 * base/&lt;id&gt;/files/…              the data folder's own files (e.g. tls/)
 * base/&lt;id&gt;/pii-key.sealed       the PII key under YIXING_BACKUP_PASSPHRASE, if any
 * base/&lt;id&gt;/manifest.json        written last: what the backup holds, with checksums
 * base/&lt;id&gt;/verified.json        the verification's result
 * </pre>
 */
record BackupFolder(Path root) {

	static final JsonMapper JSON = JsonMapper.builder().build();

	Path wal() {
		return this.root.resolve("wal");
	}

	Path base(String id) {
		return this.root.resolve("base").resolve(id);
	}

	/** The complete base backups (with a manifest), oldest first. */
	List<Manifest> manifests() {
		Path base = this.root.resolve("base");
		if (!Files.isDirectory(base)) {
			return List.of();
		}
		List<Manifest> all = new ArrayList<>();
		try (Stream<Path> dirs = Files.list(base)) {
			for (Path dir : dirs.sorted().toList()) {
				Path manifest = dir.resolve("manifest.json");
				if (Files.isRegularFile(manifest)) {
					all.add(JSON.readValue(manifest.toFile(), Manifest.class));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		all.sort(Comparator.comparing(Manifest::stoppedAt));
		return all;
	}

	/** The newest complete base backup that ended no later than {@code until}. */
	Optional<Manifest> newestUntil(@Nullable Instant until) {
		return manifests().stream()
			.filter((m) -> until == null || !Instant.parse(m.stoppedAt()).isAfter(until))
			.reduce((a, b) -> b);
	}

	void write(Path file, Object value) {
		try {
			Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
			Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
			Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What a base backup holds.
	 *
	 * @param id its folder's name
	 * @param walStart the first archived segment its restore needs
	 * @param files every file below {@code data/} and {@code files/} with its size and
	 * SHA-256
	 * @param directories every folder below them, empty ones included
	 * @param rowsAtLeast row counts before the backup started (the ledger and the
	 * sessions only grow)
	 * @param rowsAtMost row counts after it stopped
	 */
	record Manifest(String id, String kind, String startedAt, String stoppedAt, String walStart,
			Map<String, FileEntry> files, java.util.List<String> directories, long sizeBytes, boolean includesKey,
			Map<String, Long> rowsAtLeast, Map<String, Long> rowsAtMost) {
	}

	record FileEntry(long size, String sha256) {
	}

	/** A verification's result. */
	record Verified(BackupStatus status, String checkedAt, @Nullable String problem, Map<String, Long> rows) {
	}

}
