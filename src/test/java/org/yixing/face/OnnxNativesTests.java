package org.yixing.face;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ai.onnxruntime.OrtEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.yixing.shared.PlatformSettings;
import org.yixing.shared.web.LongWaits;
import org.yixing.test.ChildJvm;
import org.yixing.test.FaceFixtures;
import org.yixing.test.NoexecMount;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ONNX Runtime's native libraries are copied out of the jar once, into a folder of this
 * user's alone, and used from there only while it stays so (PrivateFolderTests; and
 * OnnxEnvironmentTests starts the runtime from it).
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class OnnxNativesTests {

	@Test
	void theLibrariesAreCopiedOnceIntoAFolderOfTheUsersAlone(@TempDir Path temporary) throws Exception {
		Path folder = OnnxNatives.folder(temporary).orElseThrow();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
		List<Path> libraries = libraries(folder);
		assertThat(libraries).hasSize(2);
		for (Path library : libraries) {
			assertThat(Files.size(library)).isEqualTo(sizeInJar(library));
		}
		List<Object> copies = libraries.stream().map(OnnxNativesTests::fileKey).toList();

		assertThat(OnnxNatives.folder(temporary)).contains(folder);
		assertThat(libraries(folder).stream().map(OnnxNativesTests::fileKey).toList()).isEqualTo(copies);
	}

	@Test
	void aCopyOfTheWrongSizeIsReplaced(@TempDir Path temporary) throws Exception {
		Path folder = OnnxNatives.folder(temporary).orElseThrow();
		Path library = libraries(folder).get(0);
		try (FileChannel file = FileChannel.open(library, StandardOpenOption.WRITE)) {
			file.truncate(1000);
		}

		assertThat(OnnxNatives.folder(temporary)).contains(folder);
		assertThat(Files.size(library)).isEqualTo(sizeInJar(library));
		try (Stream<Path> files = Files.list(folder)) {
			assertThat(files).as("no copy in progress left").hasSize(2);
		}
	}

	@Test
	void aFolderOthersMayWriteToIsNotUsed(@TempDir Path temporary) throws Exception {
		Path shared = Files.createDirectory(temporary.resolve(folderName(temporary)));
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

		assertThat(OnnxNatives.folder(temporary)).isEmpty();
		try (Stream<Path> files = Files.list(shared)) {
			assertThat(files).as("nothing written into it").isEmpty();
		}
	}

	@Test
	void withTheTemporaryFolderMountedNoexecFacesAreRecognisedWithTheLibrariesInTheDataFolder(@TempDir Path temporary)
			throws Exception {
		try (NoexecMount mount = NoexecMount.at(temporary.resolve("tmp"))) {
			Path data = temporary.resolve("data");
			ChildJvm child = ChildJvm.start(null, List.of("-Djava.io.tmpdir=" + mount.point()), Child.class,
					data.toString());
			assertThat(child.exitValue(120, TimeUnit.SECONDS)).as(child.output()).isZero();
			assertThat(child.output()).contains("a face from " + data.toAbsolutePath().resolve(folderName(temporary)));
		}
	}

	/**
	 * The other JVM: a face analysed as Yixing does it, and where the libraries came
	 * from.
	 */
	public static final class Child {

		public static void main(String[] args) throws Exception {
			PlatformSettings platform = new Binder(
					new MapConfigurationPropertySource(Map.of("yixing.data-dir", args[0])))
				.bindOrCreate("yixing", PlatformSettings.class);
			try (FaceAnalyser analyser = new FaceAnalyser(FaceModelTests.defaults(), platform,
					new SimpleMeterRegistry(), new LongWaits())) {
				FaceModel.Analysis analysis = analyser.analyse(FaceFixtures.faces().get(0).jpeg());
				System.out.println(((analysis.descriptor() != null) ? "a face from " : "no face from ")
						+ System.getProperty(OnnxNatives.PATH_PROPERTY));
			}
		}

	}

	/**
	 * The name the folder takes, learnt in a folder of its own inside {@code temporary}.
	 */
	private static String folderName(Path temporary) throws Exception {
		return OnnxNatives.folder(Files.createDirectory(temporary.resolve("probe")))
			.orElseThrow()
			.getFileName()
			.toString();
	}

	private static List<Path> libraries(Path folder) throws Exception {
		try (Stream<Path> files = Files.list(folder)) {
			return files.sorted().toList();
		}
	}

	private static long sizeInJar(Path library) throws Exception {
		return OrtEnvironment.class
			.getResource("/ai/onnxruntime/native/" + OnnxNatives.platform() + "/" + library.getFileName())
			.openConnection()
			.getContentLengthLong();
	}

	private static Object fileKey(Path file) {
		try {
			return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
