package org.yixing.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yixing.shared.StartRefused;

/**
 * Continuous archiving of the embedded server's write-ahead log (RULES §15): every
 * finished segment is copied into {@code wal/} of the backup folder, atomically (a
 * temporary name, fsync, rename), never overwriting a segment that differs; a quiet
 * server still closes a segment every 60 s, so at most a minute of acknowledged work can
 * be lost. A segment that cannot be copied (a full or read-only disk) is kept by
 * PostgreSQL and tried again; {@code pg_stat_archiver} says so.
 * <p>
 * Segments are stored compressed ({@code gzip -1}, as {@code <name>.gz}). A segment is 16
 * MB whatever it holds, and one closed by the 60 s timeout after a minute of light use is
 * nearly all zeros: some 75 KB compressed. Fourteen hours with a request every minute
 * would otherwise archive 13 GB a day, kept for the weeks of the retention rule. A full
 * segment compresses to about a quarter in ~0.2 s of one core. A system without
 * {@code gzip} archives uncompressed. The restore command takes either form, so segments
 * archived uncompressed (by earlier versions too) still restore.
 */
final class WalArchive {

	static final int TIMEOUT_SECONDS = 60;

	private static final String SCRIPT = """
			#!/bin/sh
			# Yixing's archive_command (RULES §15): copy a finished WAL segment into the backup
			# folder atomically, compressed; PostgreSQL retries until this exits 0.
			set -e
			source="$1"; name="$2"; target="$3"
			mkdir -p "$target"
			# Archived before (a retry after a crash): fine if identical, an error if not.
			if [ -f "$target/$name.gz" ]; then
			  gzip -dc "$target/$name.gz" | cmp -s - "$source" && exit 0
			  echo "yixing: $target/$name.gz exists and differs; not overwritten" >&2
			  exit 1
			fi
			if [ -f "$target/$name" ]; then
			  cmp -s "$source" "$target/$name" && exit 0
			  echo "yixing: $target/$name exists and differs; not overwritten" >&2
			  exit 1
			fi
			temp="$target/.$name.partial"
			if command -v gzip >/dev/null 2>&1; then
			  gzip -1 -c "$source" > "$temp"
			  stored="$name.gz"
			else
			  # A system without gzip still archives, uncompressed.
			  cp "$source" "$temp"
			  stored="$name"
			fi
			sync "$temp" 2>/dev/null || sync
			mv "$temp" "$target/$stored"
			sync "$target" 2>/dev/null || sync
			""";

	private WalArchive() {
	}

	/** The server settings that archive into {@code folder}'s {@code wal/}. */
	static Map<String, String> settings(Path dataDir, BackupFolder folder) {
		Path script = dataDir.resolve("archive-wal.sh");
		try {
			Files.createDirectories(dataDir);
			Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
			Files.createDirectories(folder.wal());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare WAL archiving into " + folder.wal(), ex);
		}
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("wal_level", "replica");
		settings.put("archive_mode", "on");
		settings.put("archive_timeout", String.valueOf(TIMEOUT_SECONDS));
		settings.put("archive_command", "/bin/sh " + quoted(script) + " %p %f " + quoted(folder.wal()));
		return settings;
	}

	/**
	 * The command a restore fetches archived segments with: the compressed form, or the
	 * plain one that versions before compression archived. It fails when neither exists,
	 * which tells PostgreSQL the archive ends there.
	 */
	static String restoreCommand(BackupFolder folder) {
		String wal = quoted(folder.wal());
		return "if [ -f " + wal + "/%f.gz ]; then gzip -dc " + wal + "/%f.gz > %p; else cp " + wal + "/%f %p; fi";
	}

	/**
	 * A path in single quotes for PostgreSQL's shell command; one with a quote is
	 * refused.
	 */
	static String quoted(Path path) {
		String text = path.toAbsolutePath().normalize().toString();
		if (text.contains("'")) {
			throw new StartRefused("The backup folder's path may not contain a quote: " + text,
					"Give YIXING_BACKUP_DIR a path without one (PostgreSQL's archive command quotes it).");
		}
		return "'" + text + "'";
	}

}
