package org.yixing.shared.web;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** One line that says the application is up, where, and how long start-up took. */
@Component
class StartupReport {

	private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

	/**
	 * Set by {@code org.yixing.StartCache} on a start from its cache: the cache's folder.
	 */
	static final String START_CACHE = "yixing.start-cache.folder";

	/** Where health and metrics are served when they have a port of their own. */
	private volatile @Nullable String management;

	@EventListener
	void serving(WebServerInitializedEvent event) {
		if ("management".equals(event.getApplicationContext().getServerNamespace())) {
			String address = event.getApplicationContext()
				.getEnvironment()
				.getProperty("management.server.address", "localhost");
			this.management = "http://" + address + ":" + event.getWebServer().getPort() + "/actuator";
		}
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		String where = (event.getApplicationContext() instanceof WebServerApplicationContext web
				&& web.getWebServer() != null)
						? (secure(event) ? "https" : "http") + "://localhost:" + web.getWebServer().getPort()
						: "(no web server)";
		String management = this.management;
		String cache = System.getProperty(START_CACHE);
		log.info(
				"Yixing ready at {} in {} ms (process up {} ms{}): the volunteer app at {}/, API docs at {}/swagger-ui.html{}",
				where, event.getTimeTaken().toMillis(), processUptime(),
				(cache != null) ? ", from the start-up cache in " + cache : "", where, where,
				(management != null) ? ", health and metrics at " + management + " only" : "");
	}

	/**
	 * Since the process started: a start from the start-up cache replaces the program of
	 * the process that {@code java -jar} began ({@code org.yixing.StartCache}), so its
	 * JVM's own uptime would leave out the first JVM's part.
	 */
	static long processUptime() {
		long jvm = ManagementFactory.getRuntimeMXBean().getUptime();
		return ProcessHandle.current()
			.info()
			.startInstant()
			.map((started) -> Math.max(jvm, Duration.between(started, Instant.now()).toMillis()))
			.orElse(jvm);
	}

	private static boolean secure(ApplicationReadyEvent event) {
		org.springframework.core.env.Environment environment = event.getApplicationContext().getEnvironment();
		return environment.getProperty("yixing.tls.self-signed", Boolean.class, false)
				|| environment.getProperty("server.ssl.enabled", Boolean.class, false)
				|| environment.getProperty("server.ssl.bundle") != null;
	}

}
