package org.yixing.shared.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.yixing.shared.ApplicationClock;
import org.yixing.test.Api;
import org.yixing.test.SecondNode;

import static org.assertj.core.api.Assertions.assertThat;

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

	static final long WINDOW_MILLIS = 10_000;

	@Autowired
	Api api;

	@Autowired
	ApplicationClock clock;

	@Autowired
	HikariDataSource dataSource;

	ConfigurableApplicationContext secondNode;

	Api second;

	@BeforeAll
	void aSecondNodeOnTheSameDatabase() {
		this.secondNode = SecondNode.start(this.dataSource, "--yixing.abuse-limits=true",
				"--yixing.abuse-window=PT10S");
		this.second = new Api(this.secondNode.getEnvironment());
	}

	@AfterAll
	void stopTheSecondNode() {
		this.clock.release();
		if (this.secondNode != null) {
			this.secondNode.close();
		}
	}

	@Test
	void the31stLoginFromOneAddressInAWindowIsRefusedByEitherNodeAndTheWindowEndsInRealTime() throws Exception {
		assertThat(this.second.uri("/regions").getPort()).isNotEqualTo(this.api.uri("/regions").getPort());
		// the dev clock stands still (on this node; the limits do not read it anyway)
		this.clock.fixAt(Instant.parse("2026-11-25T02:00:10Z"));
		// start at the beginning of a window, so that 40 requests fit in it
		long intoWindow = System.currentTimeMillis() % WINDOW_MILLIS;
		if (intoWindow > 1000) {
			Thread.sleep(WINDOW_MILLIS - intoWindow + 50);
		}
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			Api node = (i % 2 == 0) ? this.api : this.second;
			Api.Response response = node.post("/auth/token", Map.of("account", "13600000000", "password", "x"));
			answers.add(((node == this.api) ? "A" : "B") + response.status());
			if (response.status() == 429) {
				assertThat(response.code()).isEqualTo("TOO_MANY_REQUESTS");
				assertThat(response.header("Retry-After")).isNotBlank();
			}
		}
		assertThat(answers.subList(0, 30)).as(answers.toString()).allMatch((a) -> a.endsWith("401"));
		assertThat(answers.subList(30, 40)).as(answers.toString())
			.allMatch((a) -> a.endsWith("429"))
			.anyMatch((a) -> a.startsWith("A"))
			.anyMatch((a) -> a.startsWith("B"));
		// other endpoints are not limited
		assertThat(this.api.get("/regions").status()).isEqualTo(200);
		// the next window, in real time, with the dev clock still where it was
		Thread.sleep(WINDOW_MILLIS - System.currentTimeMillis() % WINDOW_MILLIS + 100);
		assertThat(this.second.post("/auth/token", Map.of("account", "13600000000", "password", "x")).code())
			.isEqualTo("BAD_CREDENTIALS");
		assertThat(this.api.post("/auth/token", Map.of("account", "13600000000", "password", "x")).code())
			.isEqualTo("BAD_CREDENTIALS");
	}

}
