package org.yixing.shared.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.validation.BindException;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Failures of pages: the sign-in page when not signed in, otherwise the error page with
 * the docs/RULES.md message and a way back; never a stack trace, and no 500 for anything
 * a form or URL can send.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

	private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

	private final MessageSource messages;

	private final PageModel pageModel;

	PageErrors(MessageSource messages, PageModel pageModel) {
		this.messages = messages;
		this.pageModel = pageModel;
	}

	@ExceptionHandler
	ModelAndView domain(DomainException ex, HttpServletRequest request, HttpServletResponse response) {
		log.debug("Refused page request {} {}: {}", request.getMethod(), request.getRequestURI(), ex.code());
		if (ex.code() == ErrorCode.UNAUTHENTICATED) {
			return new ModelAndView(
					"redirect:/login?next=" + URLEncoder.encode(request.getRequestURI(), StandardCharsets.UTF_8));
		}
		return page(ex.code().status(), this.messages.getMessage(ex.code().messageKey(), ex.messageArguments(),
				ex.code().name(), LocaleContextHolder.getLocale()), request);
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, ServletRequestBindingException.class,
			BindException.class, MultipartException.class, IllegalArgumentException.class })
	ModelAndView badRequest(Exception ex, HttpServletRequest request) {
		log.debug("Refused page request {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
		HttpStatus status = (ex instanceof MethodArgumentTypeMismatchException) ? HttpStatus.NOT_FOUND
				: HttpStatus.BAD_REQUEST;
		ErrorCode code = (status == HttpStatus.NOT_FOUND) ? ErrorCode.NOT_FOUND : ErrorCode.VALIDATION_FAILED;
		return page(status, message(code), request);
	}

	@ExceptionHandler
	ModelAndView unexpected(Exception ex, HttpServletRequest request) {
		if (ex instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
			return page(HttpStatus.valueOf(known.getStatusCode().value()), message(ErrorCode.MALFORMED_REQUEST),
					request);
		}
		log.error("Unexpected failure on page {} {}", request.getMethod(), request.getRequestURI(), ex);
		return page(HttpStatus.INTERNAL_SERVER_ERROR, message(ErrorCode.INTERNAL_ERROR), request);
	}

	private String message(ErrorCode code) {
		return this.messages.getMessage(code.messageKey(), null, code.name(), LocaleContextHolder.getLocale());
	}

	private ModelAndView page(HttpStatus status, String message, HttpServletRequest request) {
		ModelAndView page = new ModelAndView("shared/problem");
		this.pageModel.addTo(page.getModel(), request);
		page.addObject("status", status.value());
		page.addObject("message", message);
		page.setStatus(status);
		return page;
	}

}
