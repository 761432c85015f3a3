package org.yixing.shared.web;

import java.io.IOException;
import java.time.temporal.Temporal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import org.springframework.beans.TypeMismatchException;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Problems;
import org.yixing.shared.geo.Geofence;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure into {@code application/problem+json} with a stable code (STYLE.md
 * habit 8). Nothing of a stack trace or SQL reaches the client.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

	private final Problems problems;

	private final MessageSource messages;

	ProblemHandling(Problems problems, MessageSource messages) {
		this.problems = problems;
		this.messages = messages;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> domain(DomainException ex) {
		return respond(this.problems.of(ex, LocaleContextHolder.getLocale()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> geofence(Geofence.InvalidGeofenceException ex) {
		return domain(DomainException.invalidField("geofence", "geofence.invalid"));
	}

	/** A malformed multipart body (no boundary, cut short, a forbidden file name). */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> malformedMultipart(org.springframework.web.multipart.MultipartException ex) {
		log.debug("Malformed multipart request: {}", ex.getMessage());
		return respond(problem(ErrorCode.MALFORMED_REQUEST, Map.of()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex) {
		return respond(problem(ErrorCode.FORBIDDEN, Map.of()));
	}

	@ExceptionHandler
	@Nullable ResponseEntity<ProblemDetail> unexpected(Exception ex, WebRequest request) {
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			// The browser went away mid-answer (a page left while a script loaded):
			// nobody
			// to answer, nothing failed here.
			log.debug("Client gone on {}: {}", describe(request), ex.toString());
			return null;
		}
		if (org.yixing.shared.DatabaseOutage.isOutage(ex)) {
			log.warn("Database unavailable ({}) on {}: {}", org.yixing.shared.DatabaseOutage.reason(ex),
					describe(request), ex.toString());
			return respond(problem(ErrorCode.SERVICE_UNAVAILABLE,
					Map.of("retryAfterSeconds", org.yixing.shared.DatabaseOutage.RETRY_AFTER_SECONDS)));
		}
		log.error("Unexpected failure on {}", describe(request), ex);
		return respond(problem(ErrorCode.INTERNAL_ERROR, Map.of()));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.putIfAbsent(error.getField(), this.messages.getMessage(error, locale));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.putIfAbsent(error.getObjectName(), this.messages.getMessage(error, locale)));
		return body(problem(ErrorCode.VALIDATION_FAILED, Map.of("errors", errors)));
	}

	/**
	 * An unknown path: a problem for the API, but the error page for a browser that
	 * followed a stale link or a mistyped address (error.html, through Spring Boot's
	 * error controller), not a page of JSON.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
				&& isPageNavigation(servlet.getRequest())) {
			try {
				servlet.getResponse().sendError(HttpStatus.NOT_FOUND.value());
				return null;
			}
			catch (IOException failed) {
				log.debug("Client gone on {}: {}", describe(request), failed.toString());
				return null;
			}
		}
		return super.handleNoResourceFoundException(ex, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = switch (ex) {
			case HttpMessageNotReadableException notReadable -> malformed(notReadable);
			case MissingServletRequestParameterException missing -> required(missing.getParameterName());
			case MissingServletRequestPartException missing -> required(missing.getRequestPartName());
			case MethodArgumentTypeMismatchException mismatch when mismatch.getParameter()
				.hasParameterAnnotation(PathVariable.class) -> problem(ErrorCode.NOT_FOUND, Map.of());
			case TypeMismatchException mismatch -> invalid(String.valueOf(mismatch.getPropertyName()));
			case HandlerMethodValidationException invalid -> problem(ErrorCode.VALIDATION_FAILED, Map.of());
			default -> problem(ErrorCode.forStatus(statusCode.value()), Map.of());
		};
		if (problem.getStatus() >= 500) {
			log.error("Failure on {}", describe(request), ex);
		}
		return new ResponseEntity<>(problem, headers, HttpStatus.valueOf(problem.getStatus()));
	}

	/**
	 * {@code MALFORMED_REQUEST}; when the JSON was read but a value could not be (a time
	 * without its offset, a word where a number goes), {@code errors} names the field, as
	 * {@code VALIDATION_FAILED} does, so that a client's author sees which one.
	 */
	private ProblemDetail malformed(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DatabindException unreadable) {
				String field = path(unreadable);
				if (field.isEmpty()) {
					break;
				}
				Class<?> target = (unreadable instanceof MismatchedInputException mismatched)
						? mismatched.getTargetType() : null;
				boolean time = target != null && Temporal.class.isAssignableFrom(target);
				String message = this.messages.getMessage(time ? "typeMismatch.time" : "typeMismatch", null, "invalid",
						LocaleContextHolder.getLocale());
				return problem(ErrorCode.MALFORMED_REQUEST, Map.of("errors", Map.of(field, message)));
			}
		}
		return problem(ErrorCode.MALFORMED_REQUEST, Map.of());
	}

	/** {@code geofence.center.lat}, {@code scans[2].code}: where in the body. */
	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private ProblemDetail required(String field) {
		return problem(ErrorCode.VALIDATION_FAILED, Map.of("errors",
				Map.of(field, this.messages.getMessage("NotNull", null, "required", LocaleContextHolder.getLocale()))));
	}

	private ProblemDetail invalid(String field) {
		return problem(ErrorCode.VALIDATION_FAILED, Map.of("errors", Map.of(field,
				this.messages.getMessage("typeMismatch", null, "invalid", LocaleContextHolder.getLocale()))));
	}

	private ProblemDetail problem(ErrorCode code, Map<String, Object> properties) {
		return this.problems.of(code, LocaleContextHolder.getLocale(), new Object[0], properties);
	}

	/**
	 * A refusal that names a wait ({@code retryAfterSeconds}: SMS, lock-out, guessing
	 * limits) also says it in the standard {@code Retry-After} header.
	 */
	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
		if (problem.getProperties() != null
				&& problem.getProperties().get("retryAfterSeconds") instanceof Number seconds) {
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, seconds.longValue())));
		}
		return response.body(problem);
	}

	private static ResponseEntity<Object> body(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	/** A browser asking for a page: not the API's paths, and HTML accepted. */
	private static boolean isPageNavigation(HttpServletRequest request) {
		String path = request.getRequestURI();
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return !path.startsWith("/api/") && !path.startsWith("/actuator") && !path.startsWith("/v3/api-docs")
				&& accept != null && accept.contains("text/html");
	}

	private static String describe(WebRequest request) {
		return (request instanceof ServletWebRequest servlet)
				? servlet.getHttpMethod() + " " + servlet.getRequest().getRequestURI() : request.getDescription(false);
	}

}
