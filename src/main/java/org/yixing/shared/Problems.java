package org.yixing.shared;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problem details: stable {@code code}, the user message in the request's
 * locale as {@code detail}, and extra members. Used by the MVC advice and by filters that
 * answer before MVC (authentication).
 */
@Component
public class Problems {

	private static final String ANSWERED_WITH = Problems.class.getName() + ".answeredWith";

	/**
	 * The code of the problem a request was answered with, {@code none} for a request
	 * answered without one (the {@code problem} tag of {@code http.server.requests}; a
	 * page that showed a refusal counts as answered with its code).
	 */
	public static String answeredWith(HttpServletRequest request) {
		Object code = request.getAttribute(ANSWERED_WITH);
		return (code != null) ? code.toString() : "none";
	}

	private final MessageSource messages;

	private final LocaleResolver locales;

	private final JsonMapper json;

	Problems(MessageSource messages, LocaleResolver locales, JsonMapper json) {
		this.messages = messages;
		this.locales = locales;
		this.json = json;
	}

	/**
	 * Notes on the request being served that it is answered with {@code code}: a
	 * problem+json, or a page that shows the refusal (pages and the API say the same
	 * thing, in the metrics too).
	 */
	public static void answeringWith(ErrorCode code) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.setAttribute(ANSWERED_WITH, code.name(), RequestAttributes.SCOPE_REQUEST);
		}
	}

	public ProblemDetail of(ErrorCode code, Locale locale, Object[] arguments, Map<String, Object> properties) {
		answeringWith(code);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(),
				this.messages.getMessage(code.messageKey(), arguments, code.name(), locale));
		problem.setType(URI.create("urn:yixing:problem:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
		problem.setTitle(code.status().getReasonPhrase());
		problem.setProperty("code", code.name());
		properties.forEach((name, value) -> problem.setProperty(name, localize(value, locale)));
		return problem;
	}

	public ProblemDetail of(DomainException ex, Locale locale) {
		return of(ex.code(), locale, ex.messageArguments(), ex.properties());
	}

	private Object localize(Object value, Locale locale) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> localized = new LinkedHashMap<>();
			map.forEach((key, item) -> localized.put(key, localize(item, locale)));
			return localized;
		}
		return (value instanceof MessageSourceResolvable resolvable) ? this.messages.getMessage(resolvable, locale)
				: value;
	}

	/** A problem as JSON text, for the servlet container's own error reports. */
	public String json(ErrorCode code, Locale locale, int status, String instance) {
		ProblemDetail problem = of(code, locale, new Object[0], Map.of());
		problem.setStatus(status);
		problem.setInstance(URI.create(instance));
		return this.json.writeValueAsString(problem);
	}

	/** Writes a problem straight to the response, for filters that answer before MVC. */
	public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code) throws IOException {
		write(request, response, code, code.status().value(), request.getRequestURI());
	}

	/**
	 * Writes a problem with the status the response already has, e.g. on an error
	 * dispatch, where {@code instance} is the path that failed.
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, int status,
			String instance) throws IOException {
		ProblemDetail problem = of(code, this.locales.resolveLocale(request), new Object[0], Map.of());
		request.setAttribute(ANSWERED_WITH, code.name());
		problem.setStatus(status);
		problem.setInstance(URI.create(instance));
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(this.json.writeValueAsString(problem));
	}

}
