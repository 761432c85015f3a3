package org.yixing.identity;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.yixing.shared.web.RequestsAtWork;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A roster import in the background gives way to a busy node, and a server that stops
 * during one ends it at its next line, marked interrupted, with what it made so far.
 */
@ApiTest
class BackgroundRosterImportTests {

	@Autowired
	RosterImport rosterImport;

	@Autowired
	PasswordWork work;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionOperations transactions;

	@Autowired
	Clock clock;

	private static final AuthenticatedAccount STAFF = new AuthenticatedAccount(AccountId.random(), true, false);

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	/** An 8:00 rush keeps the processors: the import waits while the node is busy. */
	@Test
	void anImportInTheBackgroundWaitsWhileTheNodeIsBusy() throws Exception {
		AtomicInteger atWork = new AtomicInteger(64);
		RosterImports node = new RosterImports(this.rosterImport, this.work, new RequestsAtWork(atWork::get), this.jdbc,
				this.transactions, this.clock);
		try {
			UUID id = node.start(STAFF, roster("等待者", 3), Locale.SIMPLIFIED_CHINESE).id();
			Thread.sleep(1500);
			RosterImports.Progress waiting = node.find(STAFF, id, Locale.SIMPLIFIED_CHINESE);
			assertThat(waiting.status()).isEqualTo(RosterImports.Status.RUNNING);
			assertThat(waiting.linesDone()).as("lines read while the node is busy").isZero();
			atWork.set(1);
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			RosterImports.Progress done = node.find(STAFF, id, Locale.SIMPLIFIED_CHINESE);
			while (done.status() == RosterImports.Status.RUNNING && System.nanoTime() < until) {
				Thread.sleep(50);
				done = node.find(STAFF, id, Locale.SIMPLIFIED_CHINESE);
			}
			assertThat(done.status()).isEqualTo(RosterImports.Status.DONE);
			assertThat(done.created()).isEqualTo(3);
		}
		finally {
			node.stop();
		}
	}

	@Test
	void aStoppingServerEndsItsImportAtTheNextLineMarkedInterrupted() throws Exception {
		// A node of its own, so that stopping it leaves the application's imports alone
		RosterImports node = new RosterImports(this.rosterImport, this.work, new RequestsAtWork(), this.jdbc,
				this.transactions, this.clock);
		RosterImports.Progress started;
		Future<?> stopped;
		try (EveryTurnHeld held = new EveryTurnHeld(this.work)) {
			started = node.start(STAFF, roster("志愿者", 20), Locale.SIMPLIFIED_CHINESE);
			assertThat(started.status()).isEqualTo(RosterImports.Status.RUNNING);
			assertThat(started.lines()).isEqualTo(21);
			assertThat(held.untilSomeoneWaits()).as("the import's first account waits for a turn").isEqualTo(1);
			stopped = this.threads.submit(() -> {
				node.stop();
				return null;
			});
			Thread.sleep(300);
		}
		stopped.get(20, TimeUnit.SECONDS);
		RosterImports.Progress after = node.find(STAFF, started.id(), Locale.SIMPLIFIED_CHINESE);
		assertThat(after.status()).isEqualTo(RosterImports.Status.INTERRUPTED);
		assertThat(after.finishedAt()).isNotNull();
		assertThat(after.linesDone()).isBetween(2, 20);
		assertThat(after.created()).isEqualTo(after.linesDone() - 1);
		assertThat(after.errors()).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM accounts WHERE real_name LIKE '志愿者%'")
			.query(Integer.class)
			.single()).isEqualTo(after.created());
	}

	/**
	 * A roster of {@code n} new people named {@code name} and a number, with its header.
	 */
	static String roster(String name, int n) {
		StringBuilder csv = new StringBuilder("姓名,身份证号\n");
		for (int i = 0; i < n; i++) {
			csv.append(name).append(i).append(',').append(IdNumbers.random()).append('\n');
		}
		return csv.toString();
	}

}
