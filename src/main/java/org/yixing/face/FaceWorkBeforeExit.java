package org.yixing.face;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Lets face work finish before a stop signal starts the JVM's shutdown hooks.
 * <p>
 * ONNX Runtime registers a shutdown hook of its own that releases its native environment,
 * and the JVM starts every hook at once: a model still loading or a picture still being
 * analysed when the server was stopped then ran on a released environment, and the JVM
 * died of SIGSEGV (exit code 134 and an hs_err file in the working directory; two of
 * every six stops within a second of "ready"). On SIGTERM, SIGINT and SIGHUP the face
 * pools now stop taking work and finish what they hold (at most 5 s) before the JVM's own
 * handler begins the shutdown. Installed once per JVM; a JVM started with {@code -Xrs},
 * or a platform without these signals, keeps its own handling.
 */
final class FaceWorkBeforeExit {

	private static final Logger log = LoggerFactory.getLogger(FaceWorkBeforeExit.class);

	static final long WAIT_SECONDS = 5;

	private static final Set<ExecutorService> POOLS = ConcurrentHashMap.newKeySet();

	private static boolean installed;

	private FaceWorkBeforeExit() {
	}

	/** Drains this pool before the JVM's shutdown on a stop signal. */
	static void register(ExecutorService pool) {
		install();
		POOLS.add(pool);
	}

	static void unregister(ExecutorService pool) {
		POOLS.remove(pool);
	}

	/** Stops every registered pool taking work and waits for what it holds. */
	static void drain() {
		for (ExecutorService pool : POOLS) {
			pool.shutdown();
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
		for (ExecutorService pool : POOLS) {
			try {
				pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static synchronized void install() {
		if (installed) {
			return;
		}
		installed = true;
		for (String name : new String[] { "TERM", "INT", "HUP" }) {
			try {
				Signal signal = new Signal(name);
				SignalHandler[] previous = new SignalHandler[1];
				previous[0] = Signal.handle(signal, (received) -> {
					drain();
					hand(previous[0], received);
				});
				if (previous[0] == SignalHandler.SIG_IGN) {
					// ignored (nohup's SIGHUP): it stops nothing, so it drains nothing
					Signal.handle(signal, SignalHandler.SIG_IGN);
				}
			}
			catch (IllegalArgumentException | UnsupportedOperationException ex) {
				// not on this platform, or reserved (-Xrs): the JVM's own handling stays
				log.debug("No {} handler for face work: {}", name, ex.getMessage());
			}
		}
	}

	/** Whether the JVM is running its shutdown hooks. */
	static boolean shuttingDown() {
		try {
			Runtime.getRuntime().removeShutdownHook(NEVER_REGISTERED);
			return false;
		}
		catch (IllegalStateException ex) {
			return true;
		}
	}

	private static final Thread NEVER_REGISTERED = new Thread(() -> {
	});

	/** On to the handler that was there before: the JVM's, which starts the shutdown. */
	private static void hand(SignalHandler previous, Signal received) {
		if (previous == SignalHandler.SIG_DFL || previous == null) {
			// The JVM installs a Java handler for these; a native default would have
			// ended the process: do what it would have done.
			Runtime.getRuntime().exit(128 + received.getNumber());
			return;
		}
		previous.handle(received);
	}

}
