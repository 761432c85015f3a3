package org.yixing.face;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import ai.onnxruntime.OrtEnvironment;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yixing.shared.PrivateFolder;

/**
 * ONNX Runtime's native libraries, extracted once per version, platform and user into a
 * folder of their own in the temporary folder, and loaded from there (ONNX Runtime's
 * property {@value #PATH_PROPERTY}). Left to itself, ONNX Runtime 1.29 copies its 28 MB
 * library out of the jar into a new temporary folder at every start and removes it only
 * when the JVM exits, and then in the wrong order: every start left an empty
 * {@code onnxruntime-java…} folder behind, and every JVM that was killed left the library
 * too. Loading from the kept copy also saves the copy's ~160 ms before the face models
 * load.
 * <p>
 * The folder's name is fixed, so it must be this user's alone ({@link PrivateFolder}).
 * Otherwise, on a platform this does not know, or when an operator has set the property,
 * ONNX Runtime loads its libraries its own way.
 */
final class OnnxNatives {

	/** ONNX Runtime's property: the folder to load its native libraries from. */
	static final String PATH_PROPERTY = "onnxruntime.native.path";

	private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

	private static final Logger log = LoggerFactory.getLogger(OnnxNatives.class);

	private OnnxNatives() {
	}

	/**
	 * Points ONNX Runtime at the kept copy, before it is loaded; see the class comment.
	 * @param places where the copy may be kept, in order: the temporary folder, then the
	 * data folder (for a temporary folder mounted {@code noexec}, from which no library
	 * can be loaded)
	 */
	static void prepare(Path... places) {
		if (System.getProperty(PATH_PROPERTY) != null) {
			return;
		}
		try {
			for (Path place : places) {
				Optional<Path> folder = folder(place);
				if (folder.isPresent()) {
					System.setProperty(PATH_PROPERTY, folder.get().toString());
					return;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("ONNX Runtime extracts its native libraries itself: {}", ex.toString());
		}
	}

	/**
	 * This user's folder for this version and platform, with both libraries as the jar
	 * holds them (by their size; {@link KeptCopy}); empty where ONNX Runtime is to load
	 * them its own way.
	 */
	static Optional<Path> folder(Path place) throws IOException {
		String platform = platform();
		String version = OrtEnvironment.class.getPackage().getImplementationVersion();
		if (platform == null || version == null || platform.startsWith("win")) {
			return Optional.empty();
		}
		Optional<Path> kept = PrivateFolder.forCode(place, "yixing-onnxruntime-" + version + "-" + platform);
		if (kept.isEmpty()) {
			return Optional.empty();
		}
		Path folder = kept.get();
		for (String library : LIBRARIES) {
			String name = System.mapLibraryName(library).replace("jnilib", "dylib");
			URL resource = OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform + "/" + name);
			if (resource == null) {
				return Optional.empty();
			}
			URLConnection connection = resource.openConnection();
			connection.setUseCaches(false);
			KeptCopy.keep(connection, connection.getContentLengthLong(), folder.resolve(name));
		}
		return Optional.of(folder);
	}

	/** The platform's folder in ONNX Runtime's jar, as ONNX Runtime names it. */
	static @Nullable String platform() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		String system = os.contains("mac") || os.contains("darwin") ? "osx"
				: os.contains("win") ? "win" : os.contains("nux") ? "linux" : null;
		String machine = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
				: arch.equals("aarch64") ? "aarch64" : null;
		return (system != null && machine != null) ? system + "-" + machine : null;
	}

}
