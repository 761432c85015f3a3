package org.yixing.sms;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RULES §2's limits per phone hold under concurrent requests because each request holds
 * the phone's quota row from its first read to its commit: a second request waits for the
 * first, then reads what the first wrote.
 */
@ApiTest
class SmsQuotaLockTests {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

	static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

	@Autowired
	SmsCodeRecords records;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSecondRequestForAPhoneWaitsForTheFirstAndCountsItsCode() throws Exception {
		byte[] phone = new byte[32];
		new SecureRandom().nextBytes(phone);
		this.transactions.executeWithoutResult((s) -> this.records.lockQuota(phone, TODAY, NOW.minusSeconds(600)));
		CountDownLatch firstHolds = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
		CompletableFuture<Void> first = CompletableFuture
			.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
				this.records.lockQuota(phone, TODAY, NOW);
				firstHolds.countDown();
				await(release);
				this.records.updateQuota(phone, TODAY, 1, NOW);
			}), threads);
		assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<SmsCodeRecords.Quota> second = CompletableFuture.supplyAsync(
				() -> this.transactions.execute((status) -> this.records.lockQuota(phone, TODAY, NOW)), threads);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (!second.isDone() && waitingForALock() == 0 && Instant.now().isBefore(deadline)) {
			Thread.sleep(20);
		}
		assertThat(second).as("the second request read the row while the first held it").isNotDone();
		assertThat(waitingForALock()).isEqualTo(1);

		release.countDown();
		first.get(10, TimeUnit.SECONDS);
		SmsCodeRecords.Quota seen = second.get(10, TimeUnit.SECONDS);
		assertThat(seen.sentThatDay()).isEqualTo(1);
		assertThat(seen.lastSentAt()).isEqualTo(NOW);
		threads.close();
	}

	private int waitingForALock() {
		return this.jdbc.sql("""
				SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%sms_phone_quota%'""")
			.query(Integer.class)
			.single();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
