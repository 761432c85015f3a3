package org.yixing.face;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.yixing.test.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ONNX Runtime recurses over the command line while it starts: {@code mvn
 * spring-boot:run}'s long classpath crashed the JVM (SIGSEGV) when a pool thread loaded
 * the models. The test runs a JVM with a 200,000-character command line in which an
 * ordinary thread loads them, as the application's pool does.
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
