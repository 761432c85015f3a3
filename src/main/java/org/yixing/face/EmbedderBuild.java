package org.yixing.face;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by the build ({@code process-classes}, see pom.xml): turns the face-api.js weights
 * of the dlib recogniser into the ONNX file the application loads
 * ({@code face/dlib-resnet/dlib_resnet29.onnx} on the classpath). Converting them at
 * every start cost some 600 ms and left about 400 MB of garbage that made the idle heap
 * grow to half a gigabyte (issue 25); the conversion itself is {@link DlibResNet}, the
 * same code {@code dlib-tfjs:} settings still run at start.
 */
public final class EmbedderBuild {

	private EmbedderBuild() {
	}

	/**
	 * Builds the model.
	 * @param args the weights manifest, the weights file and the ONNX file to write
	 * @throws IOException if a file cannot be read or written
	 */
	public static void main(String[] args) throws IOException {
		Path manifest = Path.of(args[0]);
		Path weights = Path.of(args[1]);
		Path target = Path.of(args[2]);
		if (Files.exists(target) && Files.getLastModifiedTime(target).compareTo(newest(manifest, weights)) > 0) {
			return;
		}
		try (InputStream in = Files.newInputStream(manifest)) {
			byte[] model = DlibResNet.onnx(in, Files.readAllBytes(weights));
			Files.createDirectories(target.getParent());
			Path partial = target.resolveSibling(target.getFileName() + ".part");
			Files.write(partial, model);
			Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
	}

	private static java.nio.file.attribute.FileTime newest(Path a, Path b) throws IOException {
		java.nio.file.attribute.FileTime x = Files.getLastModifiedTime(a);
		java.nio.file.attribute.FileTime y = Files.getLastModifiedTime(b);
		return (x.compareTo(y) > 0) ? x : y;
	}

}
