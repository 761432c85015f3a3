package org.yixing.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.coyote.AbstractProtocol;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.shared.web.LongWaits;
import org.yixing.shared.web.RequestsAtWork;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request that hashes or checks a password takes its turn first (PasswordWork): a
 * storm of them cannot take the processors from the check-ins, and while one waits it
 * holds neither a connection nor the account's row.
 */
@ApiTest
class PasswordTurnsApiTests {

	@Autowired
	Api api;

	@Autowired
	PasswordWork work;

	@Autowired
	RequestsAtWork requestsAtWork;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HikariDataSource pool;

	@Autowired
	LongWaits waits;

	@Autowired
	ServletWebServerApplicationContext context;

	private final ExecutorService requests = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		this.requests.shutdownNow();
	}

	@Test
	void aPasswordChangeWaitsForItsTurnBeforeLockingTheAccount() throws Exception {
		Volunteers.Registered volunteer = volunteers().register();
		Api.Response changed = whileEveryTurnIsTaken(
				() -> this.api.put("/me/password",
						Map.of("currentPassword", Volunteers.PASSWORD, "newPassword", "Better2027"), volunteer.token()),
				UUID.fromString(volunteer.id()));
		assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
		assertThat(volunteers().login(volunteer.idNumber(), "Better2027")).isNotBlank();
	}

	@Test
	void aSignInWaitsForItsTurnBeforeLockingTheAccount() throws Exception {
		Volunteers.Registered volunteer = volunteers().register();
		Api.Response signedIn = whileEveryTurnIsTaken(
				() -> this.api.post("/auth/token",
						Map.of("account", volunteer.idNumber(), "password", Volunteers.PASSWORD)),
				UUID.fromString(volunteer.id()));
		assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
	}

	@Test
	void aResetBySecurityAnswerWaitsForItsTurnBeforeLockingTheAccount() throws Exception {
		Volunteers.Registered volunteer = volunteers().register();
		assertThat(this.api.put("/me/security-question",
				Map.of("question", "q?", "answer", "right", "currentPassword", Volunteers.PASSWORD), volunteer.token())
			.status()).isEqualTo(204);
		Api.Response reset = whileEveryTurnIsTaken(
				() -> this.api.post("/password-resets/security-question",
						Map.of("idNumber", volunteer.idNumber(), "answer", "right", "newPassword", "Reset2027")),
				UUID.fromString(volunteer.id()));
		assertThat(reset.status()).as(reset.toString()).isEqualTo(204);
		assertThat(volunteers().login(volunteer.idNumber(), "Reset2027")).isNotBlank();
	}

	@Test
	void aRegistrationWaitsForItsTurnToHashThePassword() throws Exception {
		String idNumber = IdNumbers.random();
		String phone = IdNumbers.randomPhone();
		String code = volunteers().sendCode(phone, "REGISTER");
		Api.Response created = whileEveryTurnIsTaken(
				() -> this.api.post("/accounts", Map.of("realName", "测试志愿者", "idNumber", idNumber, "phone", phone,
						"smsCode", code, "password", Volunteers.PASSWORD, "regionCode", "420100")),
				null);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(volunteers().login(idNumber, Volunteers.PASSWORD)).isNotBlank();
	}

	@Test
	void signInsWaitingForTheirTurnLeaveTheRequestThreadsToOtherRequests() throws Exception {
		Volunteers.Registered volunteer = volunteers().register();
		int threads = ((AbstractProtocol<?>) ((TomcatWebServer) this.context.getWebServer()).getTomcat()
			.getConnector()
			.getProtocolHandler()).getMaxThreads();
		int signIns = threads + 2;
		List<Future<Api.Response>> answers = new ArrayList<>();
		try (EveryTurnHeld held = new EveryTurnHeld(this.work)) {
			for (int i = 0; i < signIns; i++) {
				answers.add(this.requests.submit(() -> this.api.post("/auth/token",
						Map.of("account", volunteer.idNumber(), "password", Volunteers.PASSWORD))));
			}
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
			while (this.work.waiting() < signIns && System.nanoTime() < until) {
				Thread.sleep(5);
			}
			// more sign-ins wait than Tomcat has request threads of its own
			assertThat(this.work.waiting()).as("sign-ins waiting for a turn").isEqualTo(signIns);
			assertThat(this.waits.now()).as("threads lent").isEqualTo(signIns);
			Api.Response other = this.requests.submit(() -> this.api.get("/agreements/current"))
				.get(5, TimeUnit.SECONDS);
			assertThat(other.status()).isEqualTo(200);
			assertThat(answers).noneMatch(Future::isDone);
		}
		for (Future<Api.Response> answer : answers) {
			assertThat(answer.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
		}
		assertThat(this.waits.now()).isZero();
	}

	/**
	 * Holds every turn, sends {@code request}, and once it waits for a turn checks that
	 * no transaction is open (the request holds no connection, nor the account's row) and
	 * that the request has not been answered; then gives the turns back and returns its
	 * answer.
	 */
	private Api.Response whileEveryTurnIsTaken(Supplier<Api.Response> request, UUID account) throws Exception {
		Future<Api.Response> answer;
		try (EveryTurnHeld held = new EveryTurnHeld(this.work)) {
			answer = this.requests.submit(request::get);
			assertThat(held.untilSomeoneWaits()).as("requests waiting for a turn").isEqualTo(1);
			// a request in progress, as Tomcat's pool counts it (what background work
			// gives way to)
			assertThat(this.requestsAtWork.now()).as("requests at work").isGreaterThanOrEqualTo(1);
			// The pool's connections in use, sampled: a background job may borrow one now
			// and then, a waiting request would hold one all along.
			int fewest = Integer.MAX_VALUE;
			for (int i = 0; i < 20; i++) {
				fewest = Math.min(fewest, this.pool.getHikariPoolMXBean().getActiveConnections());
				Thread.sleep(5);
			}
			assertThat(fewest).as("connections held while the request waits").isZero();
			if (account != null) {
				assertThat(this.jdbc.sql("SELECT id FROM accounts WHERE id = ? FOR UPDATE NOWAIT")
					.param(account)
					.query(UUID.class)
					.single()).isEqualTo(account);
			}
			assertThat(answer.isDone()).isFalse();
		}
		return answer.get(20, TimeUnit.SECONDS);
	}

	private Volunteers volunteers() {
		return new Volunteers(this.api);
	}

}
