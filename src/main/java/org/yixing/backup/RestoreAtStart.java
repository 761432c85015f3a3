package org.yixing.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yixing.shared.PassphraseSeal;
import org.yixing.shared.PrivateFolder;
import org.yixing.shared.PlatformSettings;
import org.yixing.shared.db.EmbeddedServerHooks;
import org.yixing.shared.StartRefused;

/**
 * The embedded server's start as backups need it (RULES §15): with
 * {@code YIXING_RESTORE_FROM} on an empty data folder, the newest base backup before
 * {@code YIXING_RESTORE_UNTIL} is copied in (its checksums checked), its PII key opened
 * with the passphrase, and the archived log replayed up to that time before the
 * application sees the database; a data folder that holds a database is never
 * overwritten. With {@code YIXING_BACKUP_DIR} set, the server archives its log.
 */
@Component
class RestoreAtStart implements EmbeddedServerHooks {

	private static final Logger log = LoggerFactory.getLogger(RestoreAtStart.class);

	static final String MARKER = "restored-from.json";

	private final PlatformSettings settings;

	private @Nullable String restored;

	RestoreAtStart(PlatformSettings settings) {
		this.settings = settings;
	}

	@Override
	public Map<String, String> beforeStart(Path folder) {
		Map<String, String> server = new LinkedHashMap<>();
		Path dataDir = folder.getParent();
		PlatformSettings.Restore restore = this.settings.restore();
		if (restore.requested()) {
			server.putAll(restore(folder, dataDir, new BackupFolder(restore.from()), until(restore.until())));
		}
		PlatformSettings.Backup backup = this.settings.backup();
		if (backup.on(this.settings.db())) {
			server.putAll(WalArchive.settings(dataDir, new BackupFolder(backup.dir())));
		}
		return server;
	}

	private Map<String, String> restore(Path folder, Path dataDir, BackupFolder from, @Nullable Instant until) {
		if (Files.exists(folder.resolve("PG_VERSION"))) {
			if (Files.exists(dataDir.resolve(MARKER))) {
				log.info("YIXING_RESTORE_FROM is set, and {} was restored before: starting as usual", dataDir);
				return Map.of();
			}
			throw new StartRefused(
					"YIXING_RESTORE_FROM is set, but the data folder " + dataDir
							+ " already holds a database: a restore never overwrites one",
					"Restore into an empty data folder (YIXING_DATA_DIR), or unset YIXING_RESTORE_FROM.");
		}
		BackupFolder.Manifest manifest = from.newestUntil(until)
			.orElseThrow(() -> new StartRefused(
					"No complete base backup in " + from.root() + ((until != null) ? " ended before " + until : "")
							+ ": nothing to restore from",
					"Set YIXING_RESTORE_FROM to the backup folder (the YIXING_BACKUP_DIR of the server that made "
							+ "it, with its base/ and wal/)"
							+ ((until != null) ? ", or a later YIXING_RESTORE_UNTIL" : "") + "."));
		Path base = from.base(manifest.id());
		restoreKey(dataDir, base, manifest);
		log.warn("Restoring base backup {} (ended {}) from {} into {}, then replaying the archived log{}",
				manifest.id(), manifest.stoppedAt(), from.root(), dataDir,
				(until != null) ? " up to " + until : " to its end");
		try {
			for (Map.Entry<String, BackupFolder.FileEntry> file : manifest.files().entrySet()) {
				String name = file.getKey();
				Path target = name.startsWith("data/") ? folder.resolve(name.substring(5))
						: dataDir.resolve(name.substring(6));
				copyChecked(base.resolve(name), target, file.getValue());
			}
			for (String directory : manifest.directories()) {
				Files.createDirectories(directory.startsWith("data/") ? folder.resolve(directory.substring(5))
						: dataDir.resolve(directory.substring(6)));
			}
			for (String empty : BaseBackups.EMPTY_DIRECTORIES) {
				Files.createDirectories(folder.resolve(empty));
			}
			Files.writeString(folder.resolve("recovery.signal"), "");
			// the mode PostgreSQL insists on for a copied data directory (initdb sets it
			// on a new one)
			PrivateFolder.restrict(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not restore " + base + " into " + dataDir, ex);
		}
		this.restored = manifest.id();
		Map<String, String> server = new LinkedHashMap<>();
		server.put("restore_command", WalArchive.restoreCommand(from));
		server.put("recovery_target_action", "promote");
		if (until != null) {
			// PostgreSQL keeps microseconds, and reads this form whatever its settings.
			server.put("recovery_target_time",
					java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'")
						.withZone(java.time.ZoneOffset.UTC)
						.format(until));
		}
		return server;
	}

	/** The PII key the backup's sealed data needs, in place before anything reads it. */
	private void restoreKey(Path dataDir, Path base, BackupFolder.Manifest manifest) {
		Path key = dataDir.resolve("pii.key");
		boolean given = this.settings.piiKey() != null && !this.settings.piiKey().isBlank();
		if (given || Files.exists(key)) {
			return;
		}
		if (!manifest.includesKey()) {
			throw new StartRefused(
					"Backup " + manifest.id() + " holds no PII key (it was made without YIXING_BACKUP_PASSPHRASE)",
					"Give the key kept elsewhere as YIXING_PII_KEY, or put it in " + key + ".");
		}
		if (!this.settings.backup().hasPassphrase()) {
			throw new StartRefused("Backup " + manifest.id() + " holds the PII key sealed under a passphrase",
					"Set YIXING_BACKUP_PASSPHRASE to restore it.");
		}
		try {
			byte[] opened = PassphraseSeal.open(Files.readString(base.resolve("pii-key.sealed")),
					this.settings.backup().passphrase());
			Files.createDirectories(dataDir);
			Files.writeString(key, java.util.Base64.getEncoder().encodeToString(opened));
		}
		catch (PassphraseSeal.WrongPassphrase ex) {
			throw new StartRefused("YIXING_BACKUP_PASSPHRASE does not open the PII key of backup " + manifest.id()
					+ ": nothing was restored", "Give the passphrase the backup was made with.");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copyChecked(Path source, Path target, BackupFolder.FileEntry expected) throws IOException {
		Files.createDirectories(target.getParent());
		Path temp = target.resolveSibling(target.getFileName() + ".restoring");
		MessageDigest sha = sha256();
		try (InputStream in = new DigestInputStream(Files.newInputStream(source), sha)) {
			Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
		}
		String actual = HexFormat.of().formatHex(sha.digest());
		if (!actual.equals(expected.sha256()) || Files.size(temp) != expected.size()) {
			Files.delete(temp);
			throw new StartRefused("The backup is damaged: " + source + " does not match its checksum",
					"Empty the data folder (YIXING_DATA_DIR) of what this restore copied, then restore from an intact "
							+ "copy of the backup, or from an earlier one (YIXING_RESTORE_UNTIL).");
		}
		Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void afterStart(Connection postgres) throws SQLException {
		if (this.restored == null) {
			return;
		}
		awaitRecoveryEnd(postgres, startupWait());
		Path marker = this.settings.dataDir().toAbsolutePath().normalize().resolve(MARKER);
		try {
			new BackupFolder(marker.getParent()).write(marker, Map.of("backup", this.restored, "from",
					String.valueOf(this.settings.restore().from()), "at", Instant.now().toString()));
		}
		catch (UncheckedIOException ex) {
			log.warn("Could not write {}", marker, ex);
		}
		log.warn("Restore of base backup {} complete: the archived log is replayed and the database is open",
				this.restored);
	}

	/**
	 * Waits until a server started on a backup has replayed the log it needed and been
	 * promoted (it accepts read-only connections before that).
	 */
	static void awaitRecoveryEnd(Connection postgres, Duration wait) throws SQLException {
		long deadline = System.nanoTime() + wait.toNanos();
		try (Statement statement = postgres.createStatement()) {
			while (true) {
				try (ResultSet rs = statement.executeQuery("SELECT pg_is_in_recovery()")) {
					rs.next();
					if (!rs.getBoolean(1)) {
						return;
					}
				}
				if (System.nanoTime() > deadline) {
					throw new SQLException("The recovery from the backup did not end in " + wait);
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new SQLException("Interrupted while the recovery from the backup ran", ex);
				}
			}
		}
	}

	@Override
	public Duration startupWait() {
		return (this.restored != null) ? Duration.ofMinutes(30) : Duration.ofSeconds(60);
	}

	private static @Nullable Instant until(@Nullable String until) {
		if (until == null || until.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(until.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new StartRefused("YIXING_RESTORE_UNTIL must be an ISO time with its offset; it is '" + until + "'",
					"Write it like 2026-12-01T10:30:00+08:00, or unset it to replay the archived log to its end.");
		}
	}

}
