package org.yixing.shared;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of a fixed name in a shared place (the temporary folder) that only this
 * process's user may write to. Yixing keeps native code there that it runs: the embedded
 * PostgreSQL's binaries, ONNX Runtime's library. Under a fixed name in a folder everyone
 * may write to, another account could put its own files there first, and Yixing would run
 * them. So the folder is created with access for its owner only, and used only while it
 * is a folder (not a link) owned by this user that nobody else may write to.
 */
public final class PrivateFolder {

	private static final Logger log = LoggerFactory.getLogger(PrivateFolder.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private PrivateFolder() {
	}

	/**
	 * {@code name}, followed by this user's name, in {@code parent}: created if absent;
	 * empty, with a warning that says why, when it exists but is not this user's alone.
	 * Where the file system has no POSIX permissions (Windows, whose temporary folder is
	 * the user's own), the folder as it is.
	 */
	public static Optional<Path> of(Path parent, String name) throws IOException {
		String user = System.getProperty("user.name", "").replaceAll("[^A-Za-z0-9_.-]", "_");
		Path folder = parent.toAbsolutePath().resolve(name + "-" + user);
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return Optional.of(Files.createDirectories(folder));
		}
		Files.createDirectories(parent);
		try {
			Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
		}
		catch (FileAlreadyExistsException ex) {
			// from an earlier start, or not ours: checked below
		}
		String refusal = refusal(folder, owner(parent));
		if (refusal != null) {
			log.warn("{} is not used: {}", folder, refusal);
			return Optional.empty();
		}
		return Optional.of(folder);
	}

	/**
	 * Why the folder is not {@code user}'s alone (a folder, not a link, of that user's,
	 * that no one else may write to), or null when it is.
	 */
	private static @Nullable String refusal(Path folder, UserPrincipal user) throws IOException {
		PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class,
				LinkOption.NOFOLLOW_LINKS);
		Set<PosixFilePermission> permissions = attributes.permissions();
		if (!attributes.isDirectory()) {
			return "it is not a folder (a link, or a file)";
		}
		if (!attributes.owner().equals(user)) {
			return "it belongs to " + attributes.owner().getName() + ", not to " + user.getName();
		}
		if (permissions.contains(PosixFilePermission.GROUP_WRITE)
				|| permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
			return "others may write to it (" + PosixFilePermissions.toString(permissions) + ")";
		}
		return null;
	}

	/**
	 * This process's user, as the file system names it: the owner of a file it creates.
	 * ({@code user.name} can differ: a container's user without an entry of its own in
	 * the password file is "?" to Java.)
	 */
	private static UserPrincipal owner(Path parent) throws IOException {
		Path probe = Files.createTempFile(parent, ".yixing-owner-", "");
		try {
			return Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
		}
		finally {
			Files.deleteIfExists(probe);
		}
	}

}
