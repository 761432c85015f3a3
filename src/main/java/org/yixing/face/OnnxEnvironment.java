package org.yixing.face;

import java.util.concurrent.atomic.AtomicReference;

import ai.onnxruntime.OrtEnvironment;

/**
 * ONNX Runtime's one environment per process, created on a thread of its own with a large
 * stack. ONNX Runtime 1.29 recurses over the process's command line while it creates its
 * environment, about a megabyte of native stack per 18,000 characters: the long classpath
 * of {@code mvn spring-boot:run} (or any long command line) overflowed a pool thread's 1
 * MB stack and killed the JVM with SIGSEGV, without a Java stack trace. Once the
 * environment exists, sessions are created and run on ordinary threads.
 */
final class OnnxEnvironment {

	/**
	 * Reserved, not committed: enough for Linux's longest command line (2 MB of
	 * arguments) with room to spare.
	 */
	static final long STACK_BYTES = 512L << 20;

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
		AtomicReference<OrtEnvironment> created = new AtomicReference<>();
		AtomicReference<Throwable> failed = new AtomicReference<>();
		Thread thread = new Thread(null, () -> {
			try {
				created.set(OrtEnvironment.getEnvironment());
			}
			catch (Throwable ex) {
				failed.set(ex);
			}
		}, "onnx-environment", STACK_BYTES);
		thread.start();
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

}
