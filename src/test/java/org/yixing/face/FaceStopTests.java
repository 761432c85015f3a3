package org.yixing.face;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.yixing.shared.DomainException;
import org.yixing.shared.PlatformSettings;
import org.yixing.shared.web.LongWaits;
import org.yixing.test.ChildJvm;
import org.yixing.test.FaceFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server stopped while it loads its face models, or analyses faces, exits cleanly. ONNX
 * Runtime's own shutdown hook releases its native environment as the JVM's shutdown
 * begins; a model still loading then crashed the JVM (SIGSEGV, exit code 134, an hs_err
 * file) in two of six stops within a second of "ready". The other JVM is sent SIGTERM, as
 * {@code systemctl stop} does, 0, 100 and 200 ms after the loading began.
 */
class FaceStopTests {

	@Test
	void aStopWhileTheFaceModelsLoadEndsTheJvmCleanly(@TempDir Path workingDirectory) throws Exception {
		for (int attempt = 0; attempt < 3; attempt++) {
			ChildJvm child = ChildJvm.start(workingDirectory, List.of(), Child.class);
			assertThat(child.readUntil("loading")).as(child.output()).isTrue();
			Thread.sleep(100L * attempt);
			// SIGTERM, with this side's pipe left open (Process.destroy closes it)
			assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(child.process().pid())).start().waitFor())
				.isZero();
			int exit = child.exitValue(60, TimeUnit.SECONDS);
			// 143: ended by SIGTERM through the JVM's own shutdown; 134 was the crash
			assertThat(exit).as(child.output()).isEqualTo(143);
			try (var files = Files.list(workingDirectory)) {
				assertThat(files.filter((f) -> f.getFileName().toString().startsWith("hs_err"))).isEmpty();
			}
		}
	}

	/**
	 * The other JVM: the models load in the background, as after "ready", and face
	 * analyses follow one after another on the pool, until stopped.
	 */
	public static final class Child {

		public static void main(String[] args) throws Exception {
			// as Spring's shutdown hook, which closes the application for a while
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					Thread.sleep(1500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			PlatformSettings platform = new Binder(
					new MapConfigurationPropertySource(Map.of("yixing.data-dir", "target/test-data")))
				.bindOrCreate("yixing", PlatformSettings.class);
			FaceAnalyser analyser = new FaceAnalyser(FaceModelTests.defaults(), platform, new SimpleMeterRegistry(),
					new LongWaits());
			byte[] picture = FaceFixtures.faces().get(0).jpeg();
			// as at "ready": the models load in the background
			analyser.warmUp();
			System.out.println("loading");
			System.out.flush();
			while (true) {
				try {
					analyser.analyse(picture);
				}
				catch (DomainException | java.util.concurrent.RejectedExecutionException ex) {
					// the pool stopped taking pictures: the stop has begun
					Thread.sleep(10);
				}
			}
		}

	}

}
