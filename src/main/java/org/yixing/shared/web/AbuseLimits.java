package org.yixing.shared.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Problems;

/**
 * Per-IP limits on the endpoints that guess or cost money (login, SMS, registration,
 * recovery): at most {@code yixing.abuse-per-window} (30) POSTs per client address and
 * endpoint group in a window of {@code yixing.abuse-window} (a minute), else 429
 * {@code TOO_MANY_REQUESTS} with {@code Retry-After}. These are not the RULES limits
 * (those live in their modules' tables); they blunt floods.
 * <p>
 * The counters live in PostgreSQL ({@code abuse_counters}), so they hold across every
 * node on the database, and the window is numbered from the database's own clock: real
 * time, the same for all nodes, and not the dev tools' movable clock. One upsert per
 * guarded request. {@code YIXING_ABUSE_LIMITS=false} turns them off for load tests.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@ConditionalOnBooleanProperty(name = "yixing.abuse-limits", matchIfMissing = true)
class AbuseLimits extends OncePerRequestFilter {

	private static final List<String> GUARDED = List.of("/api/v1/auth/token", "/api/v1/sms-codes", "/api/v1/accounts",
			"/api/v1/password-resets", "/login", "/register", "/forgot-password");

	private final JdbcClient jdbc;

	private final Problems problems;

	private final long windowMillis;

	private final int perWindow;

	AbuseLimits(JdbcClient jdbc, Problems problems, @Value("${yixing.abuse-window:PT1M}") Duration window,
			@Value("${yixing.abuse-per-window:30}") int perWindow) {
		this.jdbc = jdbc;
		this.problems = problems;
		this.windowMillis = Math.max(1000, window.toMillis());
		this.perWindow = perWindow;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || group(request.getRequestURI()) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Hit hit = this.jdbc.sql("""
				WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS millis)
				INSERT INTO abuse_counters AS c (key, window_index, hits)
				SELECT ?, now.millis / ?, 1 FROM now
				ON CONFLICT (key, window_index) DO UPDATE SET hits = c.hits + 1
				RETURNING hits, (SELECT millis FROM now) AS millis""")
			.params(request.getRemoteAddr() + "|" + group(request.getRequestURI()), this.windowMillis)
			.query((rs, n) -> new Hit(rs.getInt("hits"), rs.getLong("millis")))
			.single();
		if (hit.hits() > this.perWindow) {
			long left = this.windowMillis - hit.millis() % this.windowMillis;
			response.setHeader("Retry-After", String.valueOf(Math.max(1, (left + 999) / 1000)));
			this.problems.write(request, response, ErrorCode.TOO_MANY_REQUESTS);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Windows that ended are of no more use; any node may clear them, twice is harmless.
	 */
	@Scheduled(fixedDelay = 1, timeUnit = TimeUnit.MINUTES, initialDelay = 1)
	void forgetEndedWindows() {
		this.jdbc.sql("""
				DELETE FROM abuse_counters
				WHERE window_index < (extract(epoch FROM clock_timestamp()) * 1000)::bigint / ? - 1""")
			.param(this.windowMillis)
			.update();
	}

	private static @Nullable String group(String uri) {
		return GUARDED.stream().filter(uri::startsWith).findFirst().orElse(null);
	}

	private record Hit(int hits, long millis) {
	}

}
