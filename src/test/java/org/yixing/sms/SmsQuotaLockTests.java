package org.yixing.sms;

import java.security.SecureRandom;
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
import org.yixing.test.LockWaits;

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
				LockWaits.await(release);
				this.records.updateQuota(phone, TODAY, 1, NOW);
			}), threads);
		assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<SmsCodeRecords.Quota> second = CompletableFuture.supplyAsync(
				() -> this.transactions.execute((status) -> this.records.lockQuota(phone, TODAY, NOW)), threads);
		LockWaits.awaitBlocked(this.jdbc, second, "%sms_phone_quota%");

		release.countDown();
		first.get(10, TimeUnit.SECONDS);
		SmsCodeRecords.Quota seen = second.get(10, TimeUnit.SECONDS);
		assertThat(seen.sentThatDay()).isEqualTo(1);
		assertThat(seen.lastSentAt()).isEqualTo(NOW);
		threads.close();
	}

}
