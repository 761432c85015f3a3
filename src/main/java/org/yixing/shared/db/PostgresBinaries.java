package org.yixing.shared.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.yixing.shared.PrivateFolder;
import org.yixing.shared.StartRefused;

/**
 * Where zonky unpacks PostgreSQL's binaries, which every embedded server of Yixing then
 * runs (the database itself, and the throw-away server that verifies a backup): inside a
 * folder of this user's alone ({@link PrivateFolder}) in the temporary folder, which
 * every data folder of the user's shares, or in the data folder when no such folder can
 * be had there (also when the temporary folder is mounted {@code noexec}, as hardened
 * servers often have it: no program can run from there). zonky's own choice,
 * {@code embedded-pg} in the temporary folder, is open to every account for writing
 * (zonky makes whatever folder it is given so, hence the folder inside), under a name
 * that every installation of the same version shares: another account could put binaries
 * of its own there first, for Yixing to run with access to the PII key and the whole
 * database.
 */
public final class PostgresBinaries {

	private PostgresBinaries() {
	}

	/**
	 * A zonky server builder that runs the binaries from {@link #folder(Path)}, whose
	 * server logs at the levels {@link PostgresLog} gives its lines.
	 */
	public static EmbeddedPostgres.Builder builder(Path dataDir) {
		PostgresLog.install();
		return EmbeddedPostgres.builder().setOverrideWorkingDirectory(folder(dataDir).toFile());
	}

	/** The folder, for the Yixing data folder {@code dataDir}; see the class comment. */
	public static Path folder(Path dataDir) {
		Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
		try {
			Optional<Path> kept = PrivateFolder.forCode(temporary, "yixing-postgres");
			if (kept.isEmpty()) {
				kept = PrivateFolder.forCode(dataDir.toAbsolutePath(), "postgres-binaries");
			}
			return kept.orElseThrow(() -> new StartRefused(
					"No folder to run PostgreSQL's binaries from: " + temporary + " and " + dataDir.toAbsolutePath()
							+ " are each mounted noexec or hold a folder of that name that is not this user's alone "
							+ "(the lines above say which)",
					"Give Java a temporary folder that programs may run from (-Djava.io.tmpdir=…), or use an "
							+ "external PostgreSQL (YIXING_DB_URL)."))
				.resolve("unpacked");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare a folder for PostgreSQL's binaries", ex);
		}
	}

}
