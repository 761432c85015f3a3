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
import java.util.List;
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
 * is a folder (not a link) owned by this user that nobody else may write to. A folder for
 * code ({@link #forCode}) must also be on a file system that lets programs run.
 */
public final class PrivateFolder {

	private static final Path MOUNTS = Path.of("/proc/self/mountinfo");

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
			log().warn("{} is not used: {}", folder, refusal);
			return Optional.empty();
		}
		return Optional.of(folder);
	}

	/**
	 * Makes a folder of Yixing's own, at a place the operator chose (Tomcat's folder, a
	 * backup, a database copied into place), open to its owner alone, whatever its mode
	 * was; created if absent, and so are the folders above it that this makes (a new data
	 * folder, whose first folder Tomcat's is): those an operator made keep their mode.
	 * Nothing to do where the file system has no POSIX permissions (Windows, whose user
	 * folders are private).
	 */
	public static Path restrict(Path folder) throws IOException {
		try {
			Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
			Files.setPosixFilePermissions(folder, OWNER_ONLY);
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system
			Files.createDirectories(folder);
		}
		return folder;
	}

	/**
	 * The same, for a folder that programs are run or libraries loaded from: also empty,
	 * with one line that says why, where {@code parent} is on a file system mounted
	 * {@code noexec} (a common hardening of {@code /tmp}), from which nothing can run.
	 */
	public static Optional<Path> forCode(Path parent, String name) throws IOException {
		Files.createDirectories(parent);
		if (noexec(parent, MOUNTS)) {
			log().info("{} is mounted noexec: no program or library can run from it, so {} goes elsewhere",
					parent.toAbsolutePath(), name);
			return Optional.empty();
		}
		return of(parent, name);
	}

	/**
	 * Why {@code folder}, which exists, is not this process's user's alone (a folder, not
	 * a link, of that user's, that no one else may write to), or null when it is or where
	 * the file system has no POSIX permissions. For a folder at a place the operator
	 * chose, whose parent this user may not write to: the user is told by a file made in
	 * the folder itself, and a folder this user cannot write to is refused.
	 */
	public static @Nullable String refusal(Path folder) throws IOException {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return null;
		}
		UserPrincipal user;
		try {
			user = owner(folder);
		}
		catch (IOException ex) {
			return "this user cannot write to it (" + ex.getMessage() + ")";
		}
		return refusal(folder, user);
	}

	/**
	 * Not a field: the start-up cache ({@code org.yixing.StartCache}) checks its folder
	 * here before Spring Boot has set up logging, which a logger made at class loading
	 * would set up with the defaults.
	 */
	private static Logger log() {
		return LoggerFactory.getLogger(PrivateFolder.class);
	}

	/**
	 * Whether {@code folder} is on a file system mounted {@code noexec}, by Linux's
	 * {@code mountinfo} (each line: id, parent, device, root, mount point, its options…);
	 * false where that cannot be read (another system, a restricted {@code /proc}).
	 */
	static boolean noexec(Path folder, Path mountinfo) {
		List<String> mounts;
		Path real;
		try {
			mounts = Files.readAllLines(mountinfo);
			real = folder.toRealPath();
		}
		catch (IOException | SecurityException ex) {
			return false;
		}
		Path nearest = null;
		boolean noexec = false;
		for (String mount : mounts) {
			String[] fields = mount.split(" ");
			if (fields.length < 6) {
				continue;
			}
			Path point = Path.of(unescape(fields[4]));
			if (real.startsWith(point) && (nearest == null || point.getNameCount() >= nearest.getNameCount())) {
				nearest = point;
				noexec = List.of(fields[5].split(",")).contains("noexec");
			}
		}
		return noexec;
	}

	/**
	 * mountinfo writes a space, tab, newline or backslash in a path as three octal
	 * digits.
	 */
	private static String unescape(String path) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '\\' && i + 3 < path.length() && path.substring(i + 1, i + 4).matches("[0-7]{3}")) {
				text.append((char) Integer.parseInt(path.substring(i + 1, i + 4), 8));
				i += 3;
			}
			else {
				text.append(c);
			}
		}
		return text.toString();
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
	 * This process's user, as the file system names it: the owner of a file it creates in
	 * {@code parent}. ({@code user.name} can differ: a container's user without an entry
	 * of its own in the password file is "?" to Java.)
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
