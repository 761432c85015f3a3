package org.yixing.shared.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pool's connections, taken in turns: a request that finds every connection in use
 * waits in one fair queue, and a connection given back goes to the first in it (or to a
 * request that arrives at that moment and finds it free).
 * <p>
 * HikariCP's own wait suits a pool with a few waiters. Here Tomcat works on 16 requests
 * per CPU and the pool has 2 per CPU plus 2 connections, so at the 8:00 rush most
 * requests that need a connection find none free: each then registered as a waiter, woke
 * the pool's connection-adder thread for nothing (the pool is full), and a connection
 * given back was offered round by yielding and spinning until a waiter took it. Waiting
 * here first, a request reaches the pool only when a connection is free for it
 * (docs/PERFORMANCE.md, "Taking turns for a connection"). The wait is bounded as the
 * pool's is: a request that gets no turn within the connection timeout fails as the
 * pool's own timeout does ({@link SQLTransientConnectionException}, an outage: 503), and
 * what is left of that time bounds its wait in the pool.
 */
final class ConnectionTurns {

	private final Semaphore turns;

	private final long timeoutNanos;

	private final String poolName;

	/**
	 * @param connections the pool's size
	 * @param timeoutMillis how long a request waits for a connection in all
	 * @param poolName the pool's name, for the timeout's message
	 */
	ConnectionTurns(int connections, long timeoutMillis, String poolName) {
		this.turns = new Semaphore(connections, true);
		this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		this.poolName = poolName;
	}

	/** The pool's connection for the time it has left to wait. */
	@FunctionalInterface
	interface Pool {

		Connection connection(long timeoutMillis) throws SQLException;

	}

	/**
	 * A connection of the pool, once it is this request's turn; closing it gives the turn
	 * on.
	 * @param pool the pool
	 * @return the connection
	 * @throws SQLException as the pool would: its timeout, or the database's refusal
	 */
	Connection take(Pool pool) throws SQLException {
		long started = System.nanoTime();
		// a free turn is taken at once, even while others queue (as HikariCP lets a
		// newcomer take a connection given back before its waiters do); those who queue
		// are served in the order they came, each within the timeout
		if (!this.turns.tryAcquire()) {
			try {
				if (!this.turns.tryAcquire(this.timeoutNanos, TimeUnit.NANOSECONDS)) {
					throw new SQLTransientConnectionException(
							this.poolName + " - Connection is not available, request timed out after "
									+ TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos) + "ms (waiting for a turn).");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLTransientConnectionException(
						this.poolName + " - Interrupted during connection acquisition", ex);
			}
		}
		try {
			long left = this.timeoutNanos - (System.nanoTime() - started);
			Connection connection = pool.connection(Math.max(250, TimeUnit.NANOSECONDS.toMillis(left)));
			return (Connection) Proxy.newProxyInstance(ConnectionTurns.class.getClassLoader(),
					new Class<?>[] { Connection.class }, new Turn(connection));
		}
		catch (SQLException | RuntimeException | Error ex) {
			this.turns.release();
			throw ex;
		}
	}

	/** Requests waiting for a turn now. */
	int waiting() {
		return this.turns.getQueueLength();
	}

	/** The pool's connection; its first close gives the turn on. */
	private final class Turn implements InvocationHandler {

		private final Connection connection;

		private final AtomicBoolean closed = new AtomicBoolean();

		Turn(Connection connection) {
			this.connection = connection;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			String name = method.getName();
			if ("close".equals(name) && method.getParameterCount() == 0) {
				try {
					this.connection.close();
				}
				finally {
					if (this.closed.compareAndSet(false, true)) {
						ConnectionTurns.this.turns.release();
					}
				}
				return null;
			}
			if (method.getDeclaringClass() == Object.class) {
				return switch (name) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					default -> "Turn of " + this.connection;
				};
			}
			try {
				return method.invoke(this.connection, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		}

	}

}
