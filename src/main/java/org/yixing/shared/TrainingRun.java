package org.yixing.shared;

import java.io.Closeable;
import java.io.IOException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A training run for a JVM's start-up cache ({@code org.yixing.StartCache}, or an
 * operator's own AOT or CDS training, docs/OPERATIONS.md): started with
 * {@code -Dyixing.training-run=true}, the application builds its context and exits with
 * status 0 where its first lifecycle component would start, before the web server
 * listens, a schedule runs or the face models load. It closes the database pool first,
 * which lets go of the embedded PostgreSQL; the JVM's exit stops the server where that
 * fails ({@code shared.db}). Spring's own {@code -Dspring.context.exit=onRefresh} halts
 * the JVM at the same point without its shutdown hooks, so that the embedded server
 * outlived the run and the next start found it left behind.
 */
@Component
public final class TrainingRun implements SmartLifecycle {

	/** The system property that makes a start a training run. */
	public static final String PROPERTY = "yixing.training-run";

	private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

	private final ObjectProvider<DataSource> dataSource;

	TrainingRun(ObjectProvider<DataSource> dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * @return whether this start is a training run
	 */
	public static boolean isOn() {
		return Boolean.getBoolean(PROPERTY);
	}

	@Override
	public void start() {
		log.info("Training run: the context is built; exiting");
		// The pool's connections end first, and with them the embedded server
		// (shared.db):
		// stopped under them at the JVM's exit, it ended each itself and logged it as a
		// FATAL line, which the server's log relays as a warning.
		if (this.dataSource.getIfAvailable() instanceof Closeable pool) {
			try {
				pool.close();
			}
			catch (IOException | RuntimeException ex) {
				log.info("Training run: the database pool did not close ({}); the JVM's exit stops the database",
						ex.toString());
			}
		}
		System.exit(0);
	}

	@Override
	public boolean isAutoStartup() {
		return isOn();
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	@Override
	public void stop() {
	}

	@Override
	public boolean isRunning() {
		return false;
	}

}
