package org.yixing.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.util.FileSystemUtils;
import org.yixing.shared.PassphraseSeal;
import org.yixing.shared.PlatformSettings;
import org.yixing.shared.PrivateFolder;

/**
 * A base backup of the embedded server (RULES §15), with PostgreSQL's non-exclusive
 * low-level API: {@code pg_backup_start}, the application copies the data folder (the
 * embedded server ships no {@code pg_basebackup}), {@code pg_backup_stop}, whose label
 * goes into the copy, and which waits until the log the copy needs is archived. The data
 * folder's own files go along, the PII key only sealed under the passphrase, and a
 * manifest with every file's size and SHA-256 is written last.
 */
@Service
class BaseBackups {

	private static final Logger log = LoggerFactory.getLogger(BaseBackups.class);

	/**
	 * Folders a base backup keeps empty: PostgreSQL refills them (its documentation's
	 * list), and the server's own log files, which a restore does not need.
	 */
	static final List<String> EMPTY_DIRECTORIES = List.of("pg_wal", "pg_wal/archive_status", "pg_replslot",
			"pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans",
			"pg_logical/snapshots", "pg_logical/mappings", "log");

	/** Files a base backup leaves out. */
	static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "backup_label.old",
			"recovery.signal", "standby.signal", "pg_internal.init", "postgresql.auto.conf.tmp");

	/** The data folder's own files that go along (besides the database). */
	static final List<String> DATA_FOLDER_FILES = List.of("tls");

	static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

	private final PlatformSettings settings;

	private final DataSource dataSource;

	private final Clock clock;

	BaseBackups(PlatformSettings settings, DataSource dataSource) {
		this.settings = settings;
		this.dataSource = dataSource;
		// Backups run on real time: the dev clock moves only the product's rules.
		this.clock = Clock.systemUTC();
	}

	BackupFolder folder() {
		return new BackupFolder(this.settings.backup().dir().toAbsolutePath().normalize());
	}

	Path postgresFolder() {
		return this.settings.dataDir().toAbsolutePath().normalize().resolve("postgres");
	}

	/** A new backup's id: when it started, to the second. */
	String newId() {
		return ID.format(this.clock.instant());
	}

	/**
	 * Takes, verifies and keeps (or drops by the retention rule) one base backup; the
	 * caller holds the cluster-wide backup lock and has recorded {@code id} as RUNNING.
	 */
	BackupFolder.Manifest take(String id, String kind) throws IOException, SQLException {
		BackupFolder folder = folder();
		Path base = folder.base(id);
		// A copy of the whole database, the superuser's password with it: its files get
		// the umask's mode, readable by every account, so its folder is Yixing's alone
		// (as the database's own folder is).
		PrivateFolder.restrict(base);
		Instant started = this.clock.instant();
		try {
			Map<String, Long> before = rowCounts();
			Map<String, BackupFolder.FileEntry> files = new TreeMap<>();
			java.util.Set<String> directories = new java.util.TreeSet<>();
			String walStart;
			String label;
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				connection.setAutoCommit(true);
				statement.execute("SET statement_timeout = 0");
				try (ResultSet rs = statement
					.executeQuery("SELECT pg_walfile_name(pg_backup_start('yixing " + id + "', true))")) {
					rs.next();
					walStart = rs.getString(1);
				}
				copyTree(postgresFolder(), base.resolve("data"), "data/", files, directories, true);
				try (ResultSet rs = statement.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(true)")) {
					rs.next();
					label = rs.getString(1);
					String map = rs.getString(2);
					if (map != null && !map.isEmpty()) {
						write(base.resolve("data/tablespace_map"), map, "data/tablespace_map", files);
					}
				}
			}
			write(base.resolve("data/backup_label"), label, "data/backup_label", files);
			for (String name : DATA_FOLDER_FILES) {
				Path source = this.settings.dataDir().toAbsolutePath().normalize().resolve(name);
				if (Files.exists(source)) {
					copyTree(source, base.resolve("files").resolve(name), "files/" + name + "/", files, directories,
							false);
				}
			}
			boolean includesKey = this.settings.backup().hasPassphrase();
			if (includesKey) {
				Files.writeString(base.resolve("pii-key.sealed"),
						PassphraseSeal.seal(piiKey(), this.settings.backup().passphrase()));
			}
			long size = files.values().stream().mapToLong(BackupFolder.FileEntry::size).sum();
			BackupFolder.Manifest manifest = new BackupFolder.Manifest(id, kind, started.toString(),
					this.clock.instant().toString(), walStart, files, List.copyOf(directories), size, includesKey,
					before, rowCounts());
			folder.write(base.resolve("manifest.json"), manifest);
			log.info("Base backup {} written: {} files, {} bytes, WAL from {}", id, files.size(), size, walStart);
			return manifest;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			// A backup without its manifest is no backup: nothing half-written stays.
			FileSystemUtils.deleteRecursively(base);
			throw ex;
		}
	}

	/** Row counts of what the verification compares: the ledger and the sessions. */
	Map<String, Long> rowCounts() throws SQLException {
		return BackupVerification.rowCounts(this.dataSource);
	}

	private byte[] piiKey() throws IOException {
		String given = this.settings.piiKey();
		String text = (given != null && !given.isBlank()) ? given
				: Files.readString(this.settings.dataDir().resolve("pii.key"));
		return java.util.Base64.getDecoder().decode(text.trim());
	}

	private static void write(Path file, String text, String name, Map<String, BackupFolder.FileEntry> files)
			throws IOException {
		byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		Files.write(file, bytes);
		files.put(name, new BackupFolder.FileEntry(bytes.length,
				HexFormat.of().formatHex(RestoreAtStart.sha256().digest(bytes))));
	}

	/**
	 * Copies {@code source} into {@code target}, recording each file under
	 * {@code prefix}; a file PostgreSQL removes while it is copied is left out (the log
	 * replayed at restore recreates what is needed).
	 */
	private static void copyTree(Path source, Path target, String prefix, Map<String, BackupFolder.FileEntry> files,
			java.util.Set<String> directories, boolean database) throws IOException {
		Files.walkFileTree(source, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
				String relative = source.relativize(dir).toString().replace('\\', '/');
				Files.createDirectories(target.resolve(relative));
				directories.add(prefix + relative);
				return (database && EMPTY_DIRECTORIES.contains(relative)) ? FileVisitResult.SKIP_SUBTREE
						: FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				String relative = source.relativize(file).toString().replace('\\', '/');
				String name = file.getFileName().toString();
				if (database && (SKIPPED_FILES.contains(name) || name.startsWith("pgsql_tmp"))) {
					return FileVisitResult.CONTINUE;
				}
				MessageDigest sha = RestoreAtStart.sha256();
				Path copy = target.resolve(relative);
				try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
					long size = Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
					files.put(prefix + relative,
							new BackupFolder.FileEntry(size, HexFormat.of().formatHex(sha.digest())));
				}
				catch (NoSuchFileException gone) {
					Files.deleteIfExists(copy);
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				if (ex instanceof NoSuchFileException) {
					return FileVisitResult.CONTINUE;
				}
				throw ex;
			}

		});
	}

}
