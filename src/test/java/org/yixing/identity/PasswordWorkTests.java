package org.yixing.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.web.LongWaits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sign-ins check their passwords in turns, so that a storm of them leaves the check-ins
 * their share of the processors; one kept waiting too long is told to try again.
 */
class PasswordWorkTests {

	@Test
	void noMoreSignInsThanTurnsCheckTheirPasswordsAtOnce() throws Exception {
		PasswordWork work = new PasswordWork(2, Duration.ofSeconds(30));
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> done = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				int n = i;
				done.add(pool.submit(() -> work.run(() -> {
					most.accumulateAndGet(running.incrementAndGet(), Math::max);
					sleep(20);
					running.decrementAndGet();
					return n;
				})));
			}
			for (int i = 0; i < 16; i++) {
				assertThat(done.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(most.get()).isEqualTo(2);
	}

	@Test
	void aSignInKeptWaitingPastTheLimitIsToldToComeBackAndTheTurnIsNotLost() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		PasswordWork work = new PasswordWork(1, Duration.ofMillis(200), TransactionOperations.withoutTransaction(),
				meters, new LongWaits());
		CountDownLatch release = new CountDownLatch(1);
		Thread slow = holdTheTurn(work, release);
		assertThatThrownBy(() -> work.run(() -> "never")).isInstanceOfSatisfying(DomainException.class, (ex) -> {
			assertThat(ex.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
			assertThat(ex.properties()).containsEntry("retryAfterSeconds", 5);
		});
		// counted apart from a database out of reach, which answers the same code
		assertThat(meters.get("yixing.passwords.turned.away").counter().count()).isEqualTo(1.0);
		release.countDown();
		slow.join(5000);
		// a failing check gives its turn back too
		assertThatThrownBy(() -> work.run(() -> {
			throw new DomainException(ErrorCode.BAD_CREDENTIALS);
		})).isInstanceOf(DomainException.class);
		assertThat(work.run(() -> "next")).isEqualTo("next");
	}

	@Test
	void workInATurnMayHashAndCheckMoreInThatTurn() {
		PasswordWork work = new PasswordWork(1, Duration.ofMillis(200));
		PasswordEncoder encoder = work.encoder(new Reversed());
		assertThat(work.run(() -> encoder.matches("secret", encoder.encode("secret")))).isTrue();
		assertThat(work.waiting()).isZero();
	}

	@Test
	void theEncoderTakesATurnForEachHashAndCheck() throws Exception {
		PasswordWork work = new PasswordWork(1, Duration.ofMillis(200));
		PasswordEncoder encoder = work.encoder(new Reversed());
		assertThat(encoder.matches("secret", encoder.encode("secret"))).isTrue();
		CountDownLatch release = new CountDownLatch(1);
		Thread other = holdTheTurn(work, release);
		try {
			assertThatThrownBy(() -> encoder.encode("secret")).isInstanceOfSatisfying(DomainException.class,
					(ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
			assertThatThrownBy(() -> encoder.matches("secret", "terces")).isInstanceOfSatisfying(DomainException.class,
					(ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
		}
		finally {
			release.countDown();
			other.join(5000);
		}
	}

	/** A connection held while waiting for a turn is the very thing the turns prevent. */
	@Test
	void waitingForATurnInsideATransactionIsAProgrammingError() {
		PasswordWork work = new PasswordWork(1, Duration.ofSeconds(1));
		TransactionSynchronizationManager.setActualTransactionActive(true);
		try {
			assertThatThrownBy(() -> work.encoder(new Reversed()).encode("secret"))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("before its transaction");
			TransactionSynchronizationManager.setActualTransactionActive(false);
			assertThat(work.run(() -> {
				// in a turn already: the transaction it starts may check passwords
				TransactionSynchronizationManager.setActualTransactionActive(true);
				return work.encoder(new Reversed()).encode("secret");
			})).isEqualTo("terces");
		}
		finally {
			TransactionSynchronizationManager.setActualTransactionActive(false);
		}
	}

	@Test
	void aRefusalInATurnIsThrownAfterItsTransactionIsCommitted() {
		List<String> done = new ArrayList<>();
		TransactionOperations recording = new TransactionOperations() {

			@Override
			public <T> T execute(TransactionCallback<T> action) {
				T result = action.doInTransaction(new SimpleTransactionStatus());
				done.add("committed");
				return result;
			}

		};
		PasswordWork work = new PasswordWork(1, Duration.ofSeconds(1), recording, new SimpleMeterRegistry(),
				new LongWaits());
		assertThatThrownBy(() -> work.inTransaction(() -> {
			done.add("lock-out counted");
			throw new DomainException(ErrorCode.BAD_CREDENTIALS);
		})).isInstanceOfSatisfying(DomainException.class,
				(ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.BAD_CREDENTIALS));
		assertThat(done).containsExactly("lock-out counted", "committed");
		assertThat(work.inTransaction(() -> "signed in")).isEqualTo("signed in");
	}

	/** A stand-in for Argon2 in these tests: fast, and only equal strings match. */
	private static final class Reversed implements PasswordEncoder {

		@Override
		public String encode(CharSequence raw) {
			return new StringBuilder(raw).reverse().toString();
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			return encode(raw).equals(encoded);
		}

	}

	/** Another thread holds a turn until {@code release}; returned once it does. */
	private static Thread holdTheTurn(PasswordWork work, CountDownLatch release) throws InterruptedException {
		CountDownLatch holding = new CountDownLatch(1);
		Thread other = new Thread(() -> work.run(() -> {
			holding.countDown();
			await(release);
			return null;
		}));
		other.start();
		assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
		return other;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
