package org.yixing.face;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.yixing.test.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How Yixing starts ONNX Runtime. Its telemetry recurses over the command line while it
 * starts: {@code mvn spring-boot:run}'s long classpath crashed the JVM (SIGSEGV) when a
 * pool thread loaded the models. One test runs a JVM with a 200,000-character command
 * line in which an ordinary thread loads them, as the application's pool does; the other
 * shows that the telemetry is off.
 */
public class OnnxEnvironmentTests {

	@Test
	void theModelsLoadOnAnOrdinaryThreadOfAProcessWithAVeryLongCommandLine() throws Exception {
		ChildJvm child = ChildJvm.start(null,
				List.of("-Dpadding=" + "x".repeat(100_000), "-Dmore=" + "y".repeat(100_000)), Child.class);
		assertThat(child.exitValue(120, TimeUnit.SECONDS)).as(child.output()).isZero();
		String output = child.output();
		assertThat(output).contains("face models loaded");
	}

	/**
	 * ONNX Runtime 1.29 keeps a device identifier and a queue of telemetry events in the
	 * user's cache folder and a {@code mat-debug-<pid>.log} in the temporary folder,
	 * sends the events to Microsoft's collector, and leaves an {@code onnxruntime-java…}
	 * folder in the temporary folder at every start. Two JVMs in a clean environment
	 * whose home, cache and temporary folders are the test's: one starts ONNX Runtime as
	 * any library user would, which shows what it leaves; the other as Yixing does, which
	 * must leave nothing but its kept copy of the libraries.
	 */
	@Test
	@EnabledOnOs({ OS.LINUX, OS.MAC })
	@EnabledForJreRange(min = JRE.JAVA_22)
	void onnxRuntimeStartsWithItsTelemetryOffAndLeavesOnlyItsKeptLibraries(@TempDir Path folder) throws Exception {
		List<String> direct = leftBy(folder.resolve("direct"), TelemetryChild.DIRECT);
		assertThat(direct)
			.as("ONNX Runtime, started directly (if it no longer leaves these, OnnxEnvironment's switch and "
					+ "OnnxNatives may have become unnecessary)")
			.contains("cache/Microsoft/DeveloperTools/.onnxruntime/deviceid")
			.anyMatch((file) -> file.startsWith("tmp/mat-debug-"))
			.anyMatch((file) -> file.startsWith("tmp/onnxruntime-java"));
		List<String> yixing = leftBy(folder.resolve("yixing"), TelemetryChild.YIXING);
		assertThat(yixing).isNotEmpty().allMatch((file) -> file.startsWith("tmp/yixing-onnxruntime-"));
	}

	/**
	 * The files and folders a JVM that started ONNX Runtime left in its home, cache and
	 * temporary folders.
	 */
	private static List<String> leftBy(Path home, String how) throws Exception {
		Path cache = Files.createDirectories(home.resolve("cache"));
		Path temporary = Files.createDirectories(home.resolve("tmp"));
		Map<String, String> environment = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "HOME",
				home.toString(), "XDG_CACHE_HOME", cache.toString(), "TMPDIR", temporary.toString());
		ChildJvm child = ChildJvm.startIn(environment,
				List.of("--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + temporary), TelemetryChild.class,
				how);
		assertThat(child.exitValue(120, TimeUnit.SECONDS)).as(child.output()).isZero();
		assertThat(child.output()).contains("ONNX Runtime started");
		try (Stream<Path> files = Files.walk(home)) {
			return files.filter((file) -> !file.equals(home) && !file.equals(cache) && !file.equals(temporary))
				.map((file) -> home.relativize(file).toString())
				.toList();
		}
	}

	/** The other JVM: starts ONNX Runtime directly or as Yixing does. */
	public static final class TelemetryChild {

		static final String DIRECT = "direct";

		static final String YIXING = "yixing";

		public static void main(String[] args) throws Exception {
			if (DIRECT.equals(args[0])) {
				// with the stack the telemetry needs for this long class path
				Thread thread = new Thread(null, OrtEnvironment::getEnvironment, "direct",
						OnnxEnvironment.stackBytes());
				thread.start();
				thread.join();
			}
			else {
				OnnxEnvironment.get();
			}
			System.out.println("ONNX Runtime started");
		}

	}

	/** The other JVM: loads the models on a thread with the default (1 MB) stack. */
	public static final class Child {

		public static void main(String[] args) throws Exception {
			AtomicReference<Throwable> failed = new AtomicReference<>();
			Thread loader = new Thread(() -> {
				try (FaceModel model = new FaceModel(FaceModelTests.defaults())) {
					System.out.println("face models loaded");
				}
				catch (Throwable ex) {
					failed.set(ex);
				}
			}, "face-1");
			loader.start();
			loader.join();
			if (failed.get() != null) {
				failed.get().printStackTrace();
				System.exit(1);
			}
		}

	}

}
