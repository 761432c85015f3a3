package org.yixing.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yixing.shared.DatabaseOutage;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Problems;

/**
 * The database is out of reach in a filter (the bearer token's lookup, the page session,
 * the abuse limits) rather than in a controller: the answer is still 503
 * {@code SERVICE_UNAVAILABLE} with {@code Retry-After}, problem+json for the API and a
 * short page for people, instead of the container's 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutageFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

	private final Problems problems;

	DatabaseOutageFilter(Problems problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!DatabaseOutage.isOutage(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("Database unavailable ({}) on {} {}: {}", DatabaseOutage.reason(ex), request.getMethod(),
					request.getRequestURI(), ex.toString());
			response.resetBuffer();
			write(request, response, this.problems);
		}
	}

	static void write(HttpServletRequest request, HttpServletResponse response, Problems problems) throws IOException {
		response.setHeader("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
		if (request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/actuator")) {
			problems.write(request, response, ErrorCode.SERVICE_UNAVAILABLE);
			return;
		}
		response.setStatus(ErrorCode.SERVICE_UNAVAILABLE.status().value());
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter()
			.write("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"UTF-8\"><meta name=\"viewport\" "
					+ "content=\"width=device-width, initial-scale=1\"><title>益行</title>"
					+ "<p>服务暂时不可用，请稍后再试。<br>The service is briefly unavailable: please try again later.</p></html>");
	}

}
