package org.yixing.shared.web;

import java.util.concurrent.Executor;
import java.util.function.IntSupplier;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * How many requests this node is working on now: Tomcat's request threads at work, read
 * from its thread pool (nothing is counted per request). Work that can wait, such as a
 * roster import in the background, gives way while the node is busy, so that an 8:00 rush
 * of check-ins keeps the processors.
 */
@Component
public class RequestsAtWork implements ApplicationListener<WebServerInitializedEvent>, ApplicationContextAware {

	private volatile IntSupplier atWork;

	private @Nullable ApplicationContext context;

	public RequestsAtWork() {
		this(() -> 0);
	}

	/** Reads {@code atWork} (tests: a node whose load they set). */
	public RequestsAtWork(IntSupplier atWork) {
		this.atWork = atWork;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	/** Takes the pool of this context's server, not a separate management port's. */
	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		Executor executor = requestPool(event, this.context);
		if (executor instanceof org.apache.tomcat.util.threads.ThreadPoolExecutor pool) {
			this.atWork = pool::getActiveCount;
		}
		else if (executor instanceof java.util.concurrent.ThreadPoolExecutor pool) {
			this.atWork = pool::getActiveCount;
		}
	}

	/**
	 * The request threads of the server {@code event} announces, if it is
	 * {@code context}'s own Tomcat (not a separate management port's): null otherwise.
	 */
	static @Nullable Executor requestPool(WebServerInitializedEvent event, @Nullable ApplicationContext context) {
		if (event.getApplicationContext() == context && event.getWebServer() instanceof TomcatWebServer tomcat) {
			return tomcat.getTomcat().getConnector().getProtocolHandler().getExecutor();
		}
		return null;
	}

	/** The requests in progress now. */
	public int now() {
		return this.atWork.getAsInt();
	}

	/**
	 * Whether the node is busy: working on at least as many requests as it has processors
	 * (at least two).
	 */
	public boolean busy() {
		return now() >= Math.max(2, Runtime.getRuntime().availableProcessors());
	}

}
