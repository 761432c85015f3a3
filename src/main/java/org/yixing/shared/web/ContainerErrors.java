package org.yixing.shared.web;

import java.io.IOException;
import java.io.Writer;
import java.util.EnumSet;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Problems;

/**
 * Every error under {@code /api/} is problem+json with a {@code code}, including the ones
 * Spring MVC never sees: requests the servlet container refuses itself (an encoded
 * {@code %2F}, a malformed request line) and errors sent to {@code /error} by filters
 * (Spring Security's firewall). Pages keep their HTML error page, without server details.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

	/** The paths that speak problem+json rather than HTML. */
	static boolean isApi(String path) {
		return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator")
				|| path.startsWith("/v3/");
	}

	/**
	 * The language of a request the container refused before the application saw it: from
	 * its raw header only, since its cookies and parameters may be what was broken.
	 */
	static Locale locale(String acceptLanguage) {
		return (acceptLanguage != null && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("en"))
				? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
	}

	/**
	 * Replaces the host's error report valve (Spring Boot adds one without server details
	 * when stack traces are off); ordered last, so that it runs after Boot's customizer.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(Problems problems) {
		return new WebServerFactoryCustomizer<>() {

			@Override
			public void customize(TomcatServletWebServerFactory factory) {
				factory.addContextCustomizers((context) -> {
					var pipeline = context.getParent().getPipeline();
					for (Valve valve : pipeline.getValves()) {
						if (valve instanceof ErrorReportValve) {
							pipeline.removeValve(valve);
						}
					}
					pipeline.addValve(new ProblemReportValve(problems));
					// else the host adds Tomcat's own valve as well when it starts
					((StandardHost) context.getParent()).setErrorReportValveClass(ProblemReportValve.class.getName());
				});
			}

		};
	}

	/** Errors that filters send to {@code /error} for an API path. */
	@Bean
	FilterRegistrationBean<ApiErrorDispatch> apiErrorDispatch(Problems problems) {
		FilterRegistrationBean<ApiErrorDispatch> registration = new FilterRegistrationBean<>(
				new ApiErrorDispatch(problems));
		registration.setDispatcherTypes(EnumSet.of(DispatcherType.ERROR));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.addUrlPatterns("/error");
		return registration;
	}

	static final class ProblemReportValve extends ErrorReportValve {

		private final Problems problems;

		ProblemReportValve(Problems problems) {
			this.problems = problems;
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			String uri = String.valueOf(request.getCoyoteRequest().requestURI());
			// No path at all: the request line could not be read, so the path is unknown;
			// answer as the API would.
			boolean api = uri.isEmpty() || "null".equals(uri) || isApi(uri);
			if (status < 400 || response.getContentWritten() > 0 || !api) {
				super.report(request, response, throwable);
				return;
			}
			try {
				String body = this.problems.json(ErrorCode.forStatus(status),
						locale(request.getCoyoteRequest().getHeader("Accept-Language")), status, "/api");
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding("UTF-8");
				response.setHeader("X-Content-Type-Options", "nosniff");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(body);
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// the client is gone or the response already committed: nothing to add
			}
		}

	}

	static final class ApiErrorDispatch extends OncePerRequestFilter {

		private final Problems problems;

		ApiErrorDispatch(Problems problems) {
			this.problems = problems;
		}

		@Override
		protected boolean shouldNotFilterErrorDispatch() {
			return false;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
			if (!(original instanceof String path) || !isApi(path) || response.isCommitted()) {
				chain.doFilter(request, response);
				return;
			}
			Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
			int code = (status instanceof Integer value) ? value : 500;
			response.resetBuffer();
			// The refused path may not even be a valid URI: the instance says only "the
			// API".
			this.problems.write(request, response, ErrorCode.forStatus(code), code, "/api");
		}

	}

}
