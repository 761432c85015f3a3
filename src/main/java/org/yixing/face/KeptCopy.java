package org.yixing.face;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file copied out of the jar once and kept in a folder of this user's alone
 * ({@link org.yixing.shared.PrivateFolder}), so that the next start finds it there: ONNX
 * Runtime's native libraries ({@link OnnxNatives}) and the face models
 * ({@link KeptModels}).
 */
final class KeptCopy {

	private KeptCopy() {
	}

	/**
	 * {@code file}, left as it is when it has {@code size} bytes (-1: unknown, always
	 * copied), otherwise written beside it from {@code source} and moved in at once, so
	 * that no other start of the same user ever reads half a copy.
	 */
	static Path keep(URLConnection source, long size, Path file) throws IOException {
		if (size >= 0 && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == size) {
			return file;
		}
		Path copy = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
		try (InputStream in = source.getInputStream()) {
			Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
			Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(copy);
		}
		return file;
	}

}
