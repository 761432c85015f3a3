package org.yixing.face;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;
import org.yixing.face.FaceModel.Analysis;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.IdleFootprint;
import org.yixing.shared.PlatformSettings;
import org.yixing.shared.web.LongWaits;

/**
 * Runs the face model on a bounded pool: as many pictures at once as there are cores
 * (configurable), a short queue behind them, and {@code FACE_BUSY} (503 with Retry-After)
 * beyond it or after {@code yixing.face.max-wait}, so that an 8:00 rush of face check-ins
 * waits briefly or is told to retry instead of piling up. The models load once, in the
 * background when the application is ready.
 */
@Component
class FaceAnalyser implements AutoCloseable {

	static final int RETRY_AFTER_SECONDS = 2;

	private static final Logger log = LoggerFactory.getLogger(FaceAnalyser.class);

	private final FaceSettings settings;

	private final Path dataDir;

	private volatile @Nullable FaceModel model;

	private final ThreadPoolExecutor pool;

	private final Timer timer;

	private final LongWaits waits;

	FaceAnalyser(FaceSettings settings, PlatformSettings platform, MeterRegistry meters, LongWaits waits) {
		this.settings = settings;
		this.waits = waits;
		this.dataDir = platform.dataDir();
		AtomicInteger n = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(settings.effectiveThreads(), settings.effectiveThreads(), 1,
				TimeUnit.MINUTES, new ArrayBlockingQueue<>(settings.effectiveQueue()), (r) -> {
					Thread t = new Thread(r, "face-" + n.incrementAndGet());
					t.setDaemon(true);
					return t;
				});
		this.timer = Timer.builder("yixing.face.analysis")
			.description("Decode, detection, alignment and embedding of one picture")
			.register(meters);
		Gauge.builder("yixing.face.queue", this.pool, (p) -> p.getQueue().size())
			.description("Pictures waiting for a face analysis thread")
			.register(meters);
		FaceWorkBeforeExit.register(this.pool);
	}

	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		try {
			this.pool.execute(() -> {
				long start = System.nanoTime();
				try {
					model();
				}
				catch (IllegalStateException ex) {
					if (Thread.currentThread().isInterrupted()) {
						// stopped right after start: nothing to load for
						return;
					}
					throw ex;
				}
				IdleFootprint.releaseFreedNativeMemory();
				log.info("Face models loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
			});
		}
		catch (RejectedExecutionException ex) {
			// Busy already: the first request loads them.
		}
	}

	private FaceModel model() {
		FaceModel loaded = this.model;
		if (loaded == null) {
			synchronized (this) {
				loaded = this.model;
				if (loaded == null) {
					OnnxNatives.prepare(Path.of(System.getProperty("java.io.tmpdir")), this.dataDir);
					loaded = new FaceModel(this.settings);
					this.model = loaded;
				}
			}
		}
		return loaded;
	}

	/** The picture's one face as a descriptor, or why there is none. */
	Analysis analyse(byte[] image) {
		Future<Analysis> result;
		try {
			result = this.pool.submit(() -> this.timer.record(() -> model().analyse(image)));
		}
		catch (RejectedExecutionException ex) {
			throw busy();
		}
		// the request thread only waits for the analysis: another may run meanwhile
		return this.waits.aside(() -> outcome(result));
	}

	private Analysis outcome(Future<Analysis> result) {
		try {
			return result.get(this.settings.maxWait().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			result.cancel(true);
			throw busy();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw busy();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
	}

	float distance(float[] a, float[] b) {
		return FaceModel.distance(this.settings.metric(), a, b);
	}

	/** The pool, for tests that fill it. */
	ThreadPoolExecutor pool() {
		return this.pool;
	}

	/**
	 * Names the embedder and its input, so that a template from another model is not
	 * compared.
	 */
	String modelId() {
		return this.settings.embedder() + "@" + this.settings.size();
	}

	private static DomainException busy() {
		return new DomainException(ErrorCode.FACE_BUSY).with("retryAfterSeconds", RETRY_AFTER_SECONDS);
	}

	/**
	 * Lets the models' loading and the pictures in hand finish, and interrupts only what
	 * is still running after 5 s. The models are released only while the JVM goes on: at
	 * its exit ONNX Runtime's own shutdown hook releases its environment at the same
	 * moment, and a session released after it would crash the JVM (FaceWorkBeforeExit).
	 */
	@Override
	public void close() throws Exception {
		FaceWorkBeforeExit.unregister(this.pool);
		this.pool.shutdown();
		if (!this.pool.awaitTermination(FaceWorkBeforeExit.WAIT_SECONDS, TimeUnit.SECONDS)) {
			this.pool.shutdownNow();
		}
		if (this.pool.awaitTermination(FaceWorkBeforeExit.WAIT_SECONDS, TimeUnit.SECONDS)
				&& !FaceWorkBeforeExit.shuttingDown()) {
			FaceModel loaded = this.model;
			if (loaded != null) {
				loaded.close();
			}
		}
	}

}
