package org.yixing.shared.web;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.apache.tomcat.util.threads.TaskThread;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * A request thread that waits for something other than this node's processors (a password
 * turn, a face analysis, a retried request's first attempt, a remote service) lets Tomcat
 * run one more request thread meanwhile, as a fork-join pool's managed blocking does. So
 * however many such requests wait at once (a storm of sign-ins at 8:00, each waiting for
 * its password turn; a university's identity provider that answers slowly), Tomcat's own
 * threads ({@link RequestThreads}) stay free for the check-ins.
 * <p>
 * The thread that waits keeps its request and goes on at once when the wait ends; the
 * extra thread leaves the pool as soon as it has nothing to do. Waits beyond
 * {@link #MOST} at once wait without one. Off Tomcat's request threads (a job, a test)
 * {@link #aside} only waits.
 */
@Component
public class LongWaits implements ApplicationListener<WebServerInitializedEvent>, ApplicationContextAware, MeterBinder {

	/** At most this many extra threads at once, beyond the pool's own. */
	static final int MOST = 200;

	/**
	 * Whether this thread waits aside now: a wait within a wait lends no second thread.
	 */
	private static final ThreadLocal<Boolean> ASIDE = ThreadLocal.withInitial(() -> false);

	/** Brings a thread lent for requests already queued into the pool. */
	private static final Runnable NOTHING = () -> {
	};

	private volatile @Nullable ThreadPoolExecutor pool;

	private @Nullable ApplicationContext context;

	/** The pool's own sizes, and how many of its threads wait aside now (under this). */
	private int core;

	private int max;

	private int aside;

	/** No pool until the web server starts (and none off a web server: tests, tools). */
	public LongWaits() {
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	/** Takes the pool of this context's server, not a separate management port's. */
	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (RequestsAtWork.requestPool(event, this.context) instanceof ThreadPoolExecutor p) {
			use(p);
		}
	}

	/** Lends extra threads to {@code pool}, whose sizes now are its own. */
	synchronized void use(ThreadPoolExecutor pool) {
		this.core = pool.getCorePoolSize();
		this.max = pool.getMaximumPoolSize();
		this.aside = 0;
		this.pool = pool;
	}

	/**
	 * Runs {@code wait}, which blocks this thread on something other than this node's
	 * processors, while the request pool may run one more thread.
	 */
	public <T> T aside(Supplier<T> wait) {
		try (Aside aside = stepAside()) {
			return wait.get();
		}
	}

	/** {@link #aside(Supplier)} for a wait that returns nothing. */
	public void aside(Runnable wait) {
		try (Aside aside = stepAside()) {
			wait.run();
		}
	}

	/**
	 * A request to a remote service, its answer awaited {@link #aside(Supplier) aside}.
	 */
	public <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body)
			throws IOException, InterruptedException {
		try (Aside aside = stepAside()) {
			return client.send(request, body);
		}
	}

	/**
	 * Runs the rest of {@code chain} {@link #aside(Supplier) aside}: for requests that
	 * mostly wait for a remote service (a campus sign-on's calls to its identity
	 * provider).
	 */
	public void aside(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		try (Aside aside = stepAside()) {
			chain.doFilter(request, response);
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("yixing.requests.waiting.aside", this, LongWaits::now)
			.description("Request threads waiting for something other than the processors (a password turn, a face "
					+ "analysis, a remote service), each with an extra request thread lent for it")
			.register(registry);
	}

	/** How many threads wait aside now, each with an extra thread lent for it. */
	public synchronized int now() {
		return this.aside;
	}

	/**
	 * Lets the request pool run one more thread until the returned wait is closed: for a
	 * wait made of several steps ({@link IdempotentRequests}' look, pause, look again).
	 */
	Aside stepAside() {
		ThreadPoolExecutor pool = this.pool;
		if (pool == null || !(Thread.currentThread() instanceof TaskThread) || ASIDE.get()) {
			return Aside.NONE;
		}
		ASIDE.set(true);
		synchronized (this) {
			if (pool != this.pool || this.aside >= MOST) {
				ASIDE.remove();
				return Aside.NONE;
			}
			this.aside++;
			// the most first, so that the core never exceeds it
			pool.setMaximumPoolSize(this.max + this.aside);
			pool.setCorePoolSize(this.core + this.aside);
		}
		if (!pool.getQueue().isEmpty()) {
			// requests already queued: Tomcat's queue starts a thread for a task it is
			// given while the pool is below its most, which then takes them in turn
			try {
				pool.execute(NOTHING);
			}
			catch (RejectedExecutionException stopping) {
				// the server stops: nothing more to run
			}
		}
		return () -> stepBack(pool);
	}

	private void stepBack(ThreadPoolExecutor pool) {
		ASIDE.remove();
		synchronized (this) {
			if (pool == this.pool) {
				this.aside--;
				// the core first; an idle thread beyond the most then leaves the pool at
				// once
				pool.setCorePoolSize(this.core + this.aside);
				pool.setMaximumPoolSize(this.max + this.aside);
			}
		}
	}

	/** A wait aside, ended by closing it (once). */
	@FunctionalInterface
	interface Aside extends AutoCloseable {

		/**
		 * No thread lent: off the request threads, within another wait, or at the most.
		 */
		Aside NONE = () -> {
		};

		@Override
		void close();

	}

}
