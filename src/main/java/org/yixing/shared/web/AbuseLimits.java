package org.yixing.shared.web;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Problems;

/**
 * Per-IP limits on the endpoints that guess or cost money (login, SMS, registration,
 * recovery): at most {@value #PER_MINUTE} POSTs a minute per client address and endpoint
 * group, else 429 {@code TOO_MANY_REQUESTS}. These are not the RULES limits (those live
 * in the database and hold across nodes); they only blunt floods, per node.
 * {@code YIXING_ABUSE_LIMITS=false} turns them off for load tests.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@ConditionalOnBooleanProperty(name = "yixing.abuse-limits", matchIfMissing = true)
class AbuseLimits extends OncePerRequestFilter {

	static final int PER_MINUTE = 30;

	private static final List<String> GUARDED = List.of("/api/v1/auth/token", "/api/v1/sms-codes", "/api/v1/accounts",
			"/api/v1/password-resets", "/login", "/register", "/forgot-password");

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Problems problems;

	private volatile long currentMinute;

	AbuseLimits(Clock clock, Problems problems) {
		this.clock = clock;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || group(request.getRequestURI()) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long minute = this.clock.millis() / 60_000;
		if (minute != this.currentMinute) {
			this.currentMinute = minute;
			this.counts.keySet().removeIf((key) -> !key.startsWith(minute + "|"));
		}
		String key = minute + "|" + request.getRemoteAddr() + "|" + group(request.getRequestURI());
		if (this.counts.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet() > PER_MINUTE) {
			response.setHeader("Retry-After", String.valueOf(60 - (this.clock.millis() / 1000) % 60));
			this.problems.write(request, response, ErrorCode.TOO_MANY_REQUESTS);
			return;
		}
		chain.doFilter(request, response);
	}

	private static @Nullable String group(String uri) {
		return GUARDED.stream().filter(uri::startsWith).findFirst().orElse(null);
	}

}
