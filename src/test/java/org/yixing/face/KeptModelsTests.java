package org.yixing.face;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.yixing.test.FaceFixtures;
import org.yixing.test.FaceFixtures.Face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The face models inside the jar are copied out once, into a folder of this user's alone,
 * under a name that changes with the model, and ONNX Runtime reads them from there.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class KeptModelsTests {

	static final String FRONT = "face/blazeface/face_detection_front_128x128_barracuda.onnx";

	static final String BACK = "face/blazeface/face_detection_back_256x256_barracuda.onnx";

	static final String EMBEDDER = "face/dlib-resnet/dlib_resnet29.onnx";

	@TempDir
	Path temporary;

	@TempDir
	Path jars;

	@Test
	void aModelInsideAJarIsCopiedOnceUnderItsChecksum() throws Exception {
		byte[] model = classpath(FRONT);
		URL inJar = entry(jar("release-1", FRONT, model), FRONT);

		Path kept = KeptModels.file(inJar, this.temporary).orElseThrow();
		assertThat(kept.getFileName().toString())
			.isEqualTo("face_detection_front_128x128_barracuda-" + crc(model) + ".onnx");
		assertThat(Files.readAllBytes(kept)).isEqualTo(model);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.getParent())))
			.isEqualTo("rwx------");
		Object copy = fileKey(kept);

		assertThat(KeptModels.file(entry(jar("release-1-again", FRONT, model), FRONT), this.temporary)).contains(kept);
		assertThat(fileKey(kept)).as("the same file, not copied again").isEqualTo(copy);
	}

	@Test
	void anotherModelUnderTheSameNameIsAnotherFile() throws Exception {
		byte[] first = classpath(FRONT);
		byte[] second = classpath(BACK);
		Path one = KeptModels.file(entry(jar("release-1", FRONT, first), FRONT), this.temporary).orElseThrow();

		Path two = KeptModels.file(entry(jar("release-2", FRONT, second), FRONT), this.temporary).orElseThrow();

		assertThat(two).isNotEqualTo(one);
		assertThat(Files.readAllBytes(two)).isEqualTo(second);
		assertThat(Files.readAllBytes(one)).as("the first left for a server still on it").isEqualTo(first);
	}

	@Test
	void aModelOnDiskIsReadWhereItIs() throws Exception {
		URL onDisk = getClass().getClassLoader().getResource(FRONT);
		assertThat(onDisk.getProtocol()).isEqualTo("file");

		assertThat(KeptModels.file(onDisk, this.temporary)).isEmpty();
		assertThat(this.temporary).isEmptyDirectory();
	}

	@Test
	void theDefaultModelsInsideAJarRecogniseAFaceAsTheModelsOnDiskDo() throws Exception {
		Path jar = jar("yixing", FRONT, classpath(FRONT), BACK, classpath(BACK), EMBEDDER, classpath(EMBEDDER));
		Face face = FaceFixtures.faces().get(0);
		float[] fromJar;
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null);
				FaceModel model = new FaceModel(FaceModelTests.defaults(), new DefaultResourceLoader(loader),
						this.temporary)) {
			fromJar = model.analyse(face.jpeg()).descriptor();
		}
		try (FaceModel model = new FaceModel(FaceModelTests.defaults())) {
			assertThat(fromJar).isEqualTo(model.analyse(face.jpeg()).descriptor());
		}
		try (Stream<Path> kept = Files.list(this.temporary.resolve(keptFolder()))) {
			assertThat(kept.map((file) -> file.getFileName().toString().replaceAll("-[0-9a-f]{8}\\.", ".")).sorted())
				.containsExactly("dlib_resnet29.onnx", "face_detection_back_256x256_barracuda.onnx",
						"face_detection_front_128x128_barracuda.onnx");
		}
		try (Stream<Path> left = Files.list(this.temporary)) {
			assertThat(left.map((file) -> file.getFileName().toString())).as("no temporary copy left")
				.containsExactly(keptFolder());
		}
	}

	@Test
	void onnxRuntimeReadsTheKeptCopyNotTheJar() throws Exception {
		byte[] front = classpath(FRONT);
		Path jar = jar("yixing", FRONT, front, BACK, classpath(BACK), EMBEDDER, classpath(EMBEDDER));
		Path folder = KeptModels.file(entry(jar, FRONT), this.temporary).orElseThrow().getParent();
		// a kept copy of the right name and size is trusted as it is: only this user may
		// write to its folder
		Files.write(folder.resolve("face_detection_front_128x128_barracuda-" + crc(front) + ".onnx"),
				new byte[front.length]);

		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			assertThatIllegalStateException().isThrownBy(
					() -> new FaceModel(FaceModelTests.defaults(), new DefaultResourceLoader(loader), this.temporary))
				.withMessageStartingWith("Cannot load the face models");
		}
	}

	private String keptFolder() throws Exception {
		try (Stream<Path> files = Files.list(this.temporary)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.startsWith(KeptModels.FOLDER + "-"))
				.findFirst()
				.orElseThrow();
		}
	}

	/** A jar named {@code name} holding the given entries: path, bytes, path, bytes… */
	private Path jar(String name, Object... entries) throws Exception {
		Path jar = this.jars.resolve(name + ".jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			for (int i = 0; i < entries.length; i += 2) {
				out.putNextEntry(new JarEntry((String) entries[i]));
				out.write((byte[]) entries[i + 1]);
				out.closeEntry();
			}
		}
		return jar;
	}

	private static URL entry(Path jar, String path) throws Exception {
		return URI.create("jar:" + jar.toUri() + "!/" + path).toURL();
	}

	private static byte[] classpath(String path) throws Exception {
		try (var in = KeptModelsTests.class.getClassLoader().getResourceAsStream(path)) {
			return in.readAllBytes();
		}
	}

	private static String crc(byte[] bytes) {
		CRC32 crc = new CRC32();
		crc.update(bytes);
		return String.format("%08x", crc.getValue());
	}

	private static Object fileKey(Path file) throws Exception {
		return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
	}

}
