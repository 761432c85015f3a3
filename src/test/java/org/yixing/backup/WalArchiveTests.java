package org.yixing.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive and restore commands as PostgreSQL runs them (a shell, with {@code %p} and
 * {@code %f} filled in): a segment is stored compressed and comes back byte for byte; a
 * retry of the same segment succeeds, one that differs is refused and changes nothing; a
 * segment archived uncompressed by an earlier version still comes back; a missing one
 * fails, which ends a recovery.
 */
class WalArchiveTests {

	static final String SEGMENT = "000000010000000000000003";

	/** What the archive script runs besides gzip. */
	static final List<String> TOOLS_BUT_GZIP = List.of("mkdir", "cmp", "cp", "sync", "mv");

	@TempDir
	Path dir;

	BackupFolder folder;

	String archive;

	Path segment;

	@BeforeEach
	void aBackupFolderAndASegment() throws IOException {
		this.folder = new BackupFolder(this.dir.resolve("backup"));
		this.archive = WalArchive.settings(this.dir.resolve("data"), this.folder).get("archive_command");
		this.segment = segment(this.dir.resolve("pg_wal"), 1);
	}

	@Test
	void aSegmentIsArchivedCompressedAndRestoredByteForByte() throws Exception {

		assertThat(run(this.archive, this.segment.toString(), SEGMENT)).isZero();
		Path archived = this.folder.wal().resolve(SEGMENT + ".gz");
		assertThat(archived).exists();
		assertThat(Files.size(archived)).as("mostly zeros, as a segment closed by the timeout")
			.isLessThan(Files.size(this.segment) / 20);
		try (var files = Files.list(this.folder.wal())) {
			assertThat(files).as("no temporary file left").hasSize(1);
		}

		Path restored = this.dir.resolve("RECOVERYXLOG");
		assertThat(run(WalArchive.restoreCommand(this.folder), restored.toString(), SEGMENT)).isZero();
		assertThat(Files.mismatch(restored, this.segment)).isEqualTo(-1);
	}

	@Test
	void aRetryOfTheSameSegmentSucceedsAndADifferentOneIsRefusedUntouched() throws Exception {
		assertThat(run(this.archive, this.segment.toString(), SEGMENT)).isZero();
		byte[] before = Files.readAllBytes(this.folder.wal().resolve(SEGMENT + ".gz"));

		assertThat(run(this.archive, this.segment.toString(), SEGMENT)).isZero();
		Path other = segment(this.dir.resolve("other"), 2);
		assertThat(run(this.archive, other.toString(), SEGMENT)).isNotZero();
		assertThat(Files.readAllBytes(this.folder.wal().resolve(SEGMENT + ".gz"))).isEqualTo(before);
	}

	@Test
	void aSegmentArchivedUncompressedBeforeStillRestoresAndAMissingOneFails() throws Exception {
		Files.copy(this.segment, this.folder.wal().resolve(SEGMENT));

		assertThat(run(this.archive, this.segment.toString(), SEGMENT)).as("already archived, identical").isZero();
		assertThat(this.folder.wal().resolve(SEGMENT + ".gz")).doesNotExist();
		Path restored = this.dir.resolve("RECOVERYXLOG");
		assertThat(run(WalArchive.restoreCommand(this.folder), restored.toString(), SEGMENT)).isZero();
		assertThat(Files.mismatch(restored, this.segment)).isEqualTo(-1);

		assertThat(run(WalArchive.restoreCommand(this.folder), this.dir.resolve("NEXT").toString(),
				"000000010000000000000004"))
			.isNotZero();
	}

	@Test
	void withoutGzipASegmentIsArchivedUncompressedAndRestores() throws Exception {
		Path bin = Files.createDirectories(this.dir.resolve("bin"));
		for (String tool : TOOLS_BUT_GZIP) {
			Files.createSymbolicLink(bin.resolve(tool), Path.of(which(tool)));
		}

		int archived = run("PATH=" + bin + "; " + this.archive, this.segment.toString(), SEGMENT);
		for (String tool : TOOLS_BUT_GZIP) {
			Files.delete(bin.resolve(tool));
		}
		assertThat(archived).isZero();
		assertThat(this.folder.wal().resolve(SEGMENT)).exists();
		assertThat(this.folder.wal().resolve(SEGMENT + ".gz")).doesNotExist();
		Path restored = this.dir.resolve("RECOVERYXLOG");
		assertThat(run(WalArchive.restoreCommand(this.folder), restored.toString(), SEGMENT)).isZero();
		assertThat(Files.mismatch(restored, this.segment)).isEqualTo(-1);
	}

	private static String which(String tool) throws Exception {
		Process process = new ProcessBuilder("/bin/sh", "-c", "command -v " + tool).start();
		String path = new String(process.getInputStream().readAllBytes()).trim();
		assertThat(process.waitFor()).isZero();
		return path;
	}

	/** A 16 MB segment that holds a little WAL and zeros after it. */
	private static Path segment(Path folder, long seed) throws IOException {
		byte[] bytes = new byte[16 * 1024 * 1024];
		byte[] used = new byte[64 * 1024];
		new Random(seed).nextBytes(used);
		System.arraycopy(used, 0, bytes, 0, used.length);
		Files.createDirectories(folder);
		return Files.write(folder.resolve(SEGMENT), bytes);
	}

	/**
	 * Runs a command as PostgreSQL does: {@code %p} and {@code %f} filled in, by a shell.
	 */
	private static int run(String command, String path, String file) throws Exception {
		Process process = new ProcessBuilder("/bin/sh", "-c", command.replace("%p", path).replace("%f", file))
			.redirectErrorStream(true)
			.start();
		process.getInputStream().readAllBytes();
		return process.waitFor();
	}

}
