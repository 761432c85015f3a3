package org.yixing.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yixing.shared.LibC;

/**
 * ONNX Runtime's one environment per process, created on a thread of its own with a large
 * stack. ONNX Runtime 1.29's telemetry recurses over the process's command line while the
 * environment is created, some 250 bytes of native stack per character: the
 * 18,000-character classpath of {@code mvn spring-boot:run} (or any long command line)
 * overflowed a pool thread's 1 MB stack and killed the JVM with SIGSEGV, without a Java
 * stack trace. With the telemetry off (below) that recursion does not happen; the large
 * stack stays for a JVM that cannot switch it off. Once the environment exists, sessions
 * are created and run on ordinary threads. It logs errors only: its warnings (unused
 * initializers removed while optimizing the graphs) came in ANSI colours as the first
 * thing a newcomer read after "ready".
 * <p>
 * Its telemetry is switched off before it starts (docs/OPERATIONS.md, "Face check-in").
 * ONNX Runtime 1.29 on Linux and macOS otherwise keeps a device identifier and a queue of
 * events (the operating system, the CPU, the memory, the models' names, their run times)
 * in {@code ~/.cache/Microsoft/DeveloperTools/.onnxruntime}, writes
 * {@code mat-debug-<pid>.log} to the temporary folder at every start, and sends the
 * events to Microsoft's collector whenever the server can reach it. The one switch that
 * stops all of it, its environment variable {@value #TELEMETRY_SWITCH}, is read when the
 * runtime starts, so this process sets it in its own environment first.
 */
final class OnnxEnvironment {

	/**
	 * Native stack per character of the command line, twice what ONNX Runtime 1.29 was
	 * seen to need (a 120,000-character command line overflowed 24 MB, not 32 MB).
	 */
	static final long STACK_PER_CHARACTER = 512;

	/** The least stack reserved (not committed) for the environment's thread. */
	static final long MIN_STACK_BYTES = 16L << 20;

	/** ONNX Runtime's switch for all of its telemetry (its docs/Privacy.md). */
	static final String TELEMETRY_SWITCH = "ORT_DISABLE_TELEMETRY";

	private static final Logger log = LoggerFactory.getLogger(OnnxEnvironment.class);

	private static volatile OrtEnvironment environment;

	private OnnxEnvironment() {
	}

	static OrtEnvironment get() {
		OrtEnvironment existing = environment;
		if (existing != null) {
			return existing;
		}
		synchronized (OnnxEnvironment.class) {
			if (environment == null) {
				environment = create();
			}
			return environment;
		}
	}

	private static OrtEnvironment create() {
		boolean telemetryOff = switchTelemetryOff();
		OnnxNatives.prepare(Path.of(System.getProperty("java.io.tmpdir")));
		OrtEnvironment created = start();
		try {
			// Windows: its ETW events, recorded only while a trace session listens.
			created.setTelemetry(false);
		}
		catch (OrtException ex) {
			telemetryOff = false;
		}
		if (!telemetryOff) {
			log.warn(
					"ONNX Runtime's telemetry could not be switched off from inside this JVM (Java 21, or native "
							+ "access denied): set {}=1 in the server's environment (docs/OPERATIONS.md)",
					TELEMETRY_SWITCH);
		}
		return created;
	}

	/**
	 * Sets {@value #TELEMETRY_SWITCH} in this process's environment, before ONNX Runtime
	 * is loaded; on Windows, where the runtime does not read it, there is nothing to set.
	 * @return whether the telemetry will be off
	 */
	static boolean switchTelemetryOff() {
		return "1".equals(System.getenv(TELEMETRY_SWITCH)) || LibC.setenv(TELEMETRY_SWITCH, "1")
				|| System.getProperty("os.name", "").startsWith("Windows");
	}

	private static OrtEnvironment start() {
		AtomicReference<OrtEnvironment> created = new AtomicReference<>();
		AtomicReference<Throwable> failed = new AtomicReference<>();
		Thread thread = new Thread(null, () -> {
			try {
				created.set(OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR));
			}
			catch (Throwable ex) {
				failed.set(ex);
			}
		}, "onnx-environment", stackBytes());
		try {
			thread.start();
		}
		catch (OutOfMemoryError ex) {
			// A tight address-space limit (ulimit -v) refuses the reservation: start
			// here, which is fine for an ordinary command line.
			return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
		}
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while ONNX Runtime started", ex);
		}
		if (failed.get() != null) {
			throw new IllegalStateException("ONNX Runtime did not start: " + failed.get().getMessage(), failed.get());
		}
		return created.get();
	}

	/** Enough for this process's command line (Linux: {@code /proc/self/cmdline}). */
	static long stackBytes() {
		long characters;
		try {
			// Read, not sized: files in /proc say 0 bytes.
			characters = Files.readAllBytes(Path.of("/proc/self/cmdline")).length;
		}
		catch (IOException | RuntimeException ex) {
			characters = 0;
		}
		if (characters == 0) {
			// No /proc (or it says nothing): the JVM's own account of its arguments.
			characters = ProcessHandle.current().info().commandLine().map(String::length).orElse(128_000);
		}
		return Math.max(MIN_STACK_BYTES, characters * STACK_PER_CHARACTER);
	}

}
