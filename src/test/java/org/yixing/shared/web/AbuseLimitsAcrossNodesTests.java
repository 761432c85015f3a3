package org.yixing.shared.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.yixing.shared.ApplicationClock;
import org.yixing.test.Api;
import org.yixing.test.SecondNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-address flood limits hold across nodes and follow real time: two application
 * nodes on one PostgreSQL share the count (the 31st login POST from one address in a
 * window is refused whichever node gets it), and the window ends with real time while the
 * dev clock stands still.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "yixing.abuse-limits=true", "yixing.abuse-window=PT10S" })
@ActiveProfiles("test")
@Import(Api.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbuseLimitsAcrossNodesTests {

	@RegisterExtension
	static final SecondNode second = new SecondNode("--yixing.abuse-limits=true", "--yixing.abuse-window=PT10S");

	static final long WINDOW_MILLIS = 10_000;

	@Autowired
	Api api;

	@Autowired
	ApplicationClock clock;

	@Autowired
	JdbcClient jdbc;

	@AfterAll
	void stopTheSecondNode() {
		this.clock.release();
	}

	@Test
	void the31stLoginFromOneAddressInAWindowIsRefusedByEitherNodeAndTheWindowEndsInRealTime() {
		assertThat(second.api().uri("/regions").getPort()).isNotEqualTo(this.api.uri("/regions").getPort());
		// the dev clock stands still (on this node; the limits do not read it anyway)
		this.clock.fixAt(Instant.parse("2026-11-25T02:00:10Z"));
		// A burst that a window's end cut in two proves less: it is tried again in the
		// next window, which the test waits for on the database's clock, the one the
		// limits count by.
		long window = -1;
		for (int attempt = 0; attempt < 3 && window < 0; attempt++) {
			long before = databaseWindow();
			List<String> answers = new ArrayList<>();
			Api.Response refused = null;
			while (refused == null && answers.size() < 61) {
				Api node = (answers.size() % 2 == 0) ? this.api : second.api();
				Api.Response response = node.post("/auth/token", Map.of("account", "13600000000", "password", "x"));
				answers.add(((node == this.api) ? "A" : "B") + response.status());
				if (response.status() == 429) {
					refused = response;
				}
			}
			assertThat(refused).as(answers.toString()).isNotNull();
			assertThat(refused.code()).isEqualTo("TOO_MANY_REQUESTS");
			assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 10);
			// up to the refusal every answer was the password's
			assertThat(answers.subList(0, answers.size() - 1)).as(answers.toString())
				.allMatch((a) -> a.endsWith("401"));
			// and then the other node, with the window still the same
			Api other = answers.getLast().startsWith("A") ? second.api() : this.api;
			Api.Response next = other.post("/auth/token", Map.of("account", "13600000000", "password", "x"));
			long after = databaseWindow();
			if (before == after) {
				// both nodes counted into one window: the 31st request was refused, and
				// so was the one after it, on the other node
				assertThat(answers).as(answers.toString()).hasSize(31);
				assertThat(next.status()).isEqualTo(429);
				assertThat(next.code()).isEqualTo("TOO_MANY_REQUESTS");
				window = after;
			}
			else {
				long ended = after;
				await().atMost(Duration.ofMillis(2 * WINDOW_MILLIS)).until(() -> databaseWindow() > ended);
			}
		}
		assertThat(window).as("a burst inside one window in three tries").isNotNegative();
		// other endpoints are not limited
		assertThat(this.api.get("/regions").status()).isEqualTo(200);
		// the next window, in real time, with the dev clock still where it was
		long refusedIn = window;
		await().atMost(Duration.ofMillis(2 * WINDOW_MILLIS)).until(() -> databaseWindow() > refusedIn);
		assertThat(second.api().post("/auth/token", Map.of("account", "13600000000", "password", "x")).code())
			.isEqualTo("BAD_CREDENTIALS");
		assertThat(this.api.post("/auth/token", Map.of("account", "13600000000", "password", "x")).code())
			.isEqualTo("BAD_CREDENTIALS");
	}

	/** The window the limits count in now, by the database's clock as they read it. */
	private long databaseWindow() {
		return this.jdbc.sql("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint / ?")
			.param(WINDOW_MILLIS)
			.query(Long.class)
			.single();
	}

}
