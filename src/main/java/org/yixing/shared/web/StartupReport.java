package org.yixing.shared.web;

import java.lang.management.ManagementFactory;

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

	/**
	 * Set by {@code org.yixing.StartCache}: when the JVM that began the start started
	 * (epoch ms).
	 */
	static final String STARTED = "yixing.start-cache.started";

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
				"Yixing ready at {} in {} ms (JVM up {} ms{}): the volunteer app at {}/, API docs at {}/swagger-ui.html{}",
				where, event.getTimeTaken().toMillis(), jvmUptime(),
				(cache != null) ? ", from the start-up cache in " + cache : "", where, where,
				(management != null) ? ", health and metrics at " + management + " only" : "");
	}

	/**
	 * Since the JVM that {@code java -jar} began started: a start from the start-up cache
	 * replaces that JVM's program ({@code org.yixing.StartCache}), which says when it
	 * started ({@value #STARTED}); the new JVM's own uptime would leave that part out.
	 */
	static long jvmUptime() {
		String started = System.getProperty(STARTED);
		if (started != null) {
			try {
				return System.currentTimeMillis() - Long.parseLong(started);
			}
			catch (NumberFormatException ex) {
				// the JVM's own, below
			}
		}
		return ManagementFactory.getRuntimeMXBean().getUptime();
	}

	private static boolean secure(ApplicationReadyEvent event) {
		org.springframework.core.env.Environment environment = event.getApplicationContext().getEnvironment();
		return environment.getProperty("yixing.tls.self-signed", Boolean.class, false)
				|| environment.getProperty("server.ssl.enabled", Boolean.class, false)
				|| environment.getProperty("server.ssl.bundle") != null;
	}

}
