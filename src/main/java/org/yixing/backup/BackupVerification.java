package org.yixing.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import org.yixing.shared.PlatformSettings;
import org.yixing.shared.PrivateFolder;
import org.yixing.shared.db.EmbeddedAuthentication;
import org.yixing.shared.db.PostgresBinaries;
import org.yixing.shared.db.ServerSettingsFile;

/**
 * A base backup is VERIFIED only when every file matches its checksum and a throw-away
 * server, started on a copy in a scratch folder, replays the archived log to the backup's
 * end and answers with as many ledger entries and sessions as the database had between
 * the backup's start and its end (RULES §15). The scratch folder, {@value #SCRATCH} in
 * the data folder, is deleted afterwards, and what a verification that was cut short left
 * there (a copy of the whole database) before the next one. It is not in the temporary
 * folder: that is often a RAM disk, smaller than the database, and a copy left there
 * would outlive the server's own protections. The throw-away server runs the binaries the
 * database runs ({@link PostgresBinaries}).
 */
@Component
class BackupVerification {

	/** The scratch folder's name in the data folder. */
	static final String SCRATCH = "backup-verification";

	private final Path dataDir;

	BackupVerification(PlatformSettings settings) {
		this.dataDir = settings.dataDir().toAbsolutePath().normalize();
	}

	/** What the verification counts, by table. */
	static final Map<String, String> COUNTED = Map.of("hours_entries", "SELECT count(*) FROM hours_entries",
			"attendance_sessions", "SELECT count(*) FROM attendance_sessions");

	static Map<String, Long> rowCounts(DataSource database) throws SQLException {
		Map<String, Long> counts = new LinkedHashMap<>();
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			for (Map.Entry<String, String> table : new java.util.TreeMap<>(COUNTED).entrySet()) {
				try (ResultSet rs = statement.executeQuery(table.getValue())) {
					rs.next();
					counts.put(table.getKey(), rs.getLong(1));
				}
			}
		}
		return counts;
	}

	/** The verification's answer: null when the backup is sound, else what is wrong. */
	BackupFolder.Verified verify(BackupFolder folder, BackupFolder.Manifest manifest) {
		Path base = folder.base(manifest.id());
		String now = java.time.Instant.now().toString();
		try {
			String damaged = checksums(base, manifest);
			if (damaged != null) {
				return new BackupFolder.Verified(BackupStatus.FAILED, now, damaged, Map.of());
			}
			Map<String, Long> rows = restoreAndCount(folder, base, manifest);
			for (Map.Entry<String, Long> row : rows.entrySet()) {
				long least = manifest.rowsAtLeast().getOrDefault(row.getKey(), 0L);
				long most = manifest.rowsAtMost().getOrDefault(row.getKey(), Long.MAX_VALUE);
				if (row.getValue() < least || row.getValue() > most) {
					return new BackupFolder.Verified(BackupStatus.FAILED, now, "The restored " + row.getKey() + " has "
							+ row.getValue() + " rows; the database had " + least + " to " + most, rows);
				}
			}
			return new BackupFolder.Verified(BackupStatus.VERIFIED, now, null, rows);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			return new BackupFolder.Verified(BackupStatus.FAILED, now,
					"The restore into a scratch folder failed: " + ex.getMessage(), Map.of());
		}
	}

	/** The first file that does not match the manifest, or null. */
	static String checksums(Path base, BackupFolder.Manifest manifest) throws IOException {
		for (Map.Entry<String, BackupFolder.FileEntry> file : manifest.files().entrySet()) {
			Path path = base.resolve(file.getKey());
			if (!Files.isRegularFile(path) || Files.size(path) != file.getValue().size()) {
				return "A file is missing or changed: " + file.getKey();
			}
			MessageDigest sha = RestoreAtStart.sha256();
			try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha)) {
				in.transferTo(java.io.OutputStream.nullOutputStream());
			}
			if (!HexFormat.of().formatHex(sha.digest()).equals(file.getValue().sha256())) {
				return "A file does not match its checksum: " + file.getKey();
			}
		}
		return null;
	}

	private Map<String, Long> restoreAndCount(BackupFolder folder, Path base, BackupFolder.Manifest manifest)
			throws IOException, SQLException {
		Path scratch = this.dataDir.resolve(SCRATCH);
		// One verification at a time (Backups): anything here was left by one cut short.
		FileSystemUtils.deleteRecursively(scratch);
		PrivateFolder.restrict(scratch);
		try {
			Path data = scratch.resolve("postgres");
			Path source = base.resolve("data");
			try (var files = Files.walk(source)) {
				for (Path file : files.toList()) {
					Path target = data.resolve(source.relativize(file).toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(target);
					}
					else {
						Files.copy(file, target);
					}
				}
			}
			for (String empty : BaseBackups.EMPTY_DIRECTORIES) {
				Files.createDirectories(data.resolve(empty));
			}
			Files.writeString(data.resolve("recovery.signal"), "");
			// the mode PostgreSQL insists on for a copied data directory
			PrivateFolder.restrict(data);
			EmbeddedPostgres.Builder builder = PostgresBinaries.builder(this.dataDir);
			// the copy asks for the password it was made with (a backup of an earlier
			// version trusts every connection, as its database did)
			EmbeddedAuthentication.password(data)
				.ifPresent((password) -> builder.setConnectConfig("password", password));
			try (EmbeddedPostgres server = builder.setDataDirectory(data)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setPGStartupWait(Duration.ofMinutes(10))
				// Rewrites the copied settings: the scratch server restores, and archives
				// nothing.
				.setDataDirectoryCustomizer((dir) -> ServerSettingsFile.write(dir.toPath(),
						Map.of("restore_command", WalArchive.restoreCommand(folder), "recovery_target", "immediate",
								"recovery_target_action", "promote", "archive_mode", "off", "fsync", "off",
								"unix_socket_directories", "")))
				.start()) {
				try (Connection connection = server.getPostgresDatabase().getConnection()) {
					RestoreAtStart.awaitRecoveryEnd(connection, Duration.ofMinutes(10));
				}
				return rowCounts(server.getDatabase("postgres", "yixing"));
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(scratch);
		}
	}

}
