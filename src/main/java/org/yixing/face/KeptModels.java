package org.yixing.face;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;

import org.yixing.shared.PrivateFolder;

/**
 * The face models that come inside the jar, kept as files in a folder of this user's
 * alone in the temporary folder. ONNX Runtime reads a model from a file (no copy of it on
 * the Java heap, and less native memory than handing it the bytes), so a model inside the
 * jar was copied out at every start, 22 MB for the recogniser, and a server killed while
 * it loaded its models left that copy behind. A kept model's name carries its jar entry's
 * CRC-32: a release with another model under the same name writes a new file, one with
 * the same model reuses it. (The build converts the recogniser byte for byte the same way
 * each time, so a rebuild alone makes no new file.)
 */
final class KeptModels {

	static final String FOLDER = "yixing-face-models";

	private KeptModels() {
	}

	/**
	 * The kept file of {@code model} when it is an entry of a jar, copied there if it is
	 * not yet (by its size, {@link KeptCopy}); empty when the model is not in a jar or no
	 * folder of this user's alone can be had.
	 */
	static Optional<Path> file(URL model, Path temporary) throws IOException {
		URLConnection connection = model.openConnection();
		if (!(connection instanceof JarURLConnection jar)) {
			return Optional.empty();
		}
		JarEntry entry = jar.getJarEntry();
		if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0) {
			return Optional.empty();
		}
		Optional<Path> folder = PrivateFolder.of(temporary, FOLDER);
		if (folder.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(KeptCopy.keep(connection, entry.getSize(), folder.get().resolve(name(entry))));
	}

	/**
	 * {@code face_detection_front.onnx} with CRC 0x1f2e3d4c:
	 * {@code face_detection_front-1f2e3d4c.onnx}.
	 */
	static String name(JarEntry entry) {
		String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
		int dot = name.lastIndexOf('.');
		String stem = (dot > 0) ? name.substring(0, dot) : name;
		String extension = (dot > 0) ? name.substring(dot) : "";
		return stem + "-" + String.format(Locale.ROOT, "%08x", entry.getCrc()) + extension;
	}

}
