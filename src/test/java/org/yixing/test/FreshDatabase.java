package org.yixing.test;

import java.util.List;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.yixing.shared.ApplicationClock;

/** Empties every application table and frees the clock before each test class. */
public class FreshDatabase extends AbstractTestExecutionListener {

	@Override
	public void beforeTestClass(TestContext context) {
		JdbcClient jdbc = context.getApplicationContext().getBean(JdbcClient.class);
		List<String> tables = jdbc.sql("""
				SELECT quote_ident(tablename) FROM pg_tables
				WHERE schemaname = 'public' AND tablename NOT IN ('flyway_schema_history', 'audit_log')""")
			.query(String.class)
			.list();
		if (!tables.isEmpty()) {
			truncate(jdbc, "TRUNCATE " + String.join(", ", tables) + " CASCADE");
		}
		context.getApplicationContext().getBean(ApplicationClock.class).release();
		context.getApplicationContext().getBean(org.yixing.attendance.Agreements.class).forget();
		// Start-up work (bootstrap staff, demo data) is idempotent by design: run it
		// again.
		context.getApplicationContext().getBeansOfType(ApplicationRunner.class).values().forEach((runner) -> {
			try {
				runner.run(new DefaultApplicationArguments());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/**
	 * The application's background work (event listeners, scheduled jobs) of the previous
	 * class may still read a table that TRUNCATE takes after it has taken another that
	 * the work waits for: PostgreSQL then cancels one of the two as a deadlock. That work
	 * is done in a moment; the TRUNCATE is tried again.
	 */
	private static void truncate(JdbcClient jdbc, String statement) {
		for (int attempt = 1;; attempt++) {
			try {
				jdbc.sql(statement).update();
				return;
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
				try {
					Thread.sleep(100L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

}
