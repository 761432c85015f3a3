package org.yixing.shared.web;

import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * How many requests Tomcat works on at once: by default 16 per CPU, at most Tomcat's own
 * 200. An operator's {@code server.tomcat.threads.max} wins.
 * <p>
 * Tomcat's default of 200 threads suits a server whose requests wait on slow back ends.
 * Here every request needs one of a few database connections (two per CPU plus two), so
 * at the 8:00 rush 64 concurrent volunteers kept 64 threads busy on 2 cores, most of them
 * waiting in the connection pool, and the application and PostgreSQL each spent about a
 * third more CPU per check-in than with 32 threads (docs/PERFORMANCE.md). Connections
 * beyond the threads wait in Tomcat's poller at no cost. A request that waits for
 * something other than the processors (a password turn, a face analysis, a remote
 * service) lends its thread's place to another meanwhile ({@link LongWaits}), so that
 * such waits cannot take every thread. Slow phones do not hold threads in production: the
 * reverse proxy in front (docs/OPERATIONS.md) receives each request whole before handing
 * it on.
 */
@Component
class RequestThreads implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	static final String PROPERTY = "server.tomcat.threads.max";

	static final int PER_CPU = 16;

	/** Tomcat's own default. */
	static final int MOST = 200;

	private final Environment environment;

	RequestThreads(Environment environment) {
		this.environment = environment;
	}

	/** The default for a machine with this many CPUs. */
	static int forCpus(int cpus) {
		return Math.min(MOST, PER_CPU * Math.max(1, cpus));
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		if (this.environment.containsProperty(PROPERTY)) {
			return;
		}
		int threads = forCpus(Runtime.getRuntime().availableProcessors());
		factory.addConnectorCustomizers((connector) -> {
			if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
				protocol.setMaxThreads(threads);
				protocol.setMinSpareThreads(Math.min(protocol.getMinSpareThreads(), threads));
			}
		});
	}

	/** After Spring Boot's own customizer, which sets Tomcat's default. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
