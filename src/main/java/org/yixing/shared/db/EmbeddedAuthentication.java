package org.yixing.shared.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yixing.shared.StartRefused;

/**
 * The embedded server asks every connection for its superuser's password (scram-sha-256),
 * and listens on no Unix socket. zonky's initdb trusts every local connection: any
 * account on the same server could connect to the port as the superuser without a
 * password, read and change the ledger, and run programs as Yixing's user
 * ({@code COPY … TO PROGRAM}) with the PII key in reach.
 * <p>
 * The password is random, made with the database and kept in its folder
 * ({@value #PASSWORD_FILE}), which only its owner may enter and which a base backup
 * copies together with the database it opens. A new database gets it from initdb; a
 * database of an earlier version (all connections trusted) gets it at its next start,
 * before the application connects, and from then on {@code pg_hba.conf} asks for it.
 */
public final class EmbeddedAuthentication {

	/** The superuser's password, in the database's folder. */
	public static final String PASSWORD_FILE = "yixing-superuser.password";

	static final String SUPERUSER = "postgres";

	/** PostgreSQL's SQLSTATE for a wrong password. */
	private static final String INVALID_PASSWORD = "28P01";

	/** How {@link #HBA} begins: a pg_hba.conf that Yixing wrote. */
	static final String HBA_HEADER = "# Written by Yixing at each start;";

	/** {@code pg_hba.conf}: a password for every connection, by TCP or by socket. */
	static final String HBA = HBA_HEADER + """
			 edits are lost. Every connection gives the
			# superuser's password (yixing-superuser.password in this folder).
			local all all scram-sha-256
			host all all 127.0.0.1/32 scram-sha-256
			host all all ::1/128 scram-sha-256
			local replication all scram-sha-256
			host replication all 127.0.0.1/32 scram-sha-256
			host replication all ::1/128 scram-sha-256
			""";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedAuthentication.class);

	private final Path folder;

	private final String password;

	/** Whether the database has no password yet: one made by an earlier version. */
	private final boolean unsecured;

	private EmbeddedAuthentication(Path folder, String password, boolean unsecured) {
		this.folder = folder;
		this.password = password;
		this.unsecured = unsecured;
	}

	/** The superuser's password of the database in {@code folder}, where it has one. */
	public static Optional<String> password(Path folder) throws IOException {
		Path file = folder.resolve(PASSWORD_FILE);
		return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
				: Optional.empty();
	}

	/**
	 * For the database in {@code folder}, created by this start when {@code fresh}: its
	 * password, or a new one.
	 */
	static EmbeddedAuthentication of(Path folder, boolean fresh) throws IOException {
		Optional<String> kept = fresh ? Optional.empty() : password(folder);
		if (kept.isPresent()) {
			return new EmbeddedAuthentication(folder, kept.get(), false);
		}
		Path hba = folder.resolve("pg_hba.conf");
		if (!fresh && Files.isRegularFile(hba) && asksForPassword(Files.readString(hba))) {
			throw new StartRefused(
					"The embedded PostgreSQL in " + folder + " asks for its superuser's password, but " + PASSWORD_FILE
							+ " is gone from that folder",
					"Put it back (a base backup of this database holds it), or set a new one: in pg_hba.conf there, "
							+ "replace every scram-sha-256 with trust and start Yixing once; it then sets a new "
							+ "password.");
		}
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		return new EmbeddedAuthentication(folder, Base64.getUrlEncoder().withoutPadding().encodeToString(random),
				!fresh);
	}

	/**
	 * zonky's start failed: if the server refused the password, the database's password
	 * is no longer the file's (changed by hand, or the file of another database), and the
	 * start stops with what to do instead of zonky's "Gave up waiting".
	 */
	void explainRefusal(IOException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && INVALID_PASSWORD.equals(sql.getSQLState())) {
				throw new StartRefused(
						"The embedded PostgreSQL in " + this.folder + " refused the superuser's password in "
								+ PASSWORD_FILE + ": the database's password was changed after Yixing set "
								+ "it (ALTER ROLE, \\password), or the file belongs to another database",
						"Put back the file that belongs to this database (a base backup of it holds one), or let "
								+ "Yixing set a new password: delete " + PASSWORD_FILE + " there, replace every "
								+ "scram-sha-256 in pg_hba.conf with trust, and start Yixing once.",
						failure);
			}
		}
	}

	/** pg_hba.conf as Yixing writes it, still asking for a password. */
	private static boolean asksForPassword(String hba) {
		return hba.startsWith(HBA_HEADER) && hba.contains("scram-sha-256");
	}

	String password() {
		return this.password;
	}

	/**
	 * zonky's connections give the password; a new database is made with it (initdb reads
	 * it from {@code pwfile}, a file beside the folder that {@link #beforeStart}
	 * removes).
	 */
	void configure(EmbeddedPostgres.Builder builder, boolean fresh) throws IOException {
		builder.setConnectConfig("password", this.password);
		if (fresh) {
			Path pwfile = pwfile();
			writeOwnerOnly(pwfile, this.password + "\n");
			// after zonky's "-A trust", so these win
			builder.setLocaleConfig("pwfile", pwfile.toString());
			builder.setLocaleConfig("auth-local", "scram-sha-256");
			builder.setLocaleConfig("auth-host", "scram-sha-256");
		}
	}

	/** In the folder, before the server starts: the password and pg_hba.conf. */
	void beforeStart(Path dataDirectory) {
		try {
			Files.deleteIfExists(pwfile());
			if (!this.unsecured) {
				writeOwnerOnly(dataDirectory.resolve(PASSWORD_FILE), this.password + "\n");
				Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the embedded PostgreSQL's authentication", ex);
		}
	}

	/**
	 * Once the server runs: a database of an earlier version gets its password, kept
	 * before pg_hba.conf asks for it, so that a stop in between loses nothing (the next
	 * start trusts once more and sets a new one).
	 */
	void afterStart(EmbeddedPostgres postgres) throws IOException {
		if (!this.unsecured) {
			return;
		}
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			// the password is base64url: nothing in it to quote
			statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + this.password + "'");
			writeOwnerOnly(this.folder.resolve(PASSWORD_FILE), this.password + "\n");
			Files.writeString(this.folder.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
			statement.execute("SELECT pg_reload_conf()");
		}
		catch (SQLException ex) {
			throw new IOException("Could not give the embedded PostgreSQL's superuser a password", ex);
		}
		log.info("The embedded PostgreSQL now asks every connection for a password ({} in {})", PASSWORD_FILE,
				this.folder);
	}

	private Path pwfile() {
		return this.folder.resolveSibling("postgres-initdb.password");
	}

	private static void writeOwnerOnly(Path file, String text) throws IOException {
		Path part = file.resolveSibling(file.getFileName() + ".part");
		Files.deleteIfExists(part);
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(part, text, StandardCharsets.UTF_8);
		Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
