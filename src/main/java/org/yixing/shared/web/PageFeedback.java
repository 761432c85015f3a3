package org.yixing.shared.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Problems;

/**
 * Puts a refusal on a page the way the API words it: the docs/RULES.md message in the
 * reader's language as {@code error}, the code as {@code errorCode}, and messages per
 * field as {@code fieldErrors}.
 */
@Component
public class PageFeedback {

	private final MessageSource messages;

	PageFeedback(MessageSource messages) {
		this.messages = messages;
	}

	public String message(DomainException ex) {
		return message(ex.code(), ex.messageArguments());
	}

	public String message(ErrorCode code, Object... arguments) {
		return this.messages.getMessage(code.messageKey(), arguments, code.name(), locale());
	}

	public String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, key, locale());
	}

	/** The message under {@code key}, or empty where there is none. */
	public String optionalText(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, "", locale());
	}

	/**
	 * Adds the refusal to the model, answers with its status and returns {@code view},
	 * the form to show again.
	 */
	public String refuse(Model model, DomainException ex, HttpServletResponse response, String view) {
		refuse(model, ex);
		response.setStatus(ex.code().status().value());
		return view;
	}

	/** Adds the refusal to the model and returns it. */
	public DomainException refuse(Model model, DomainException ex) {
		Problems.answeringWith(ex.code());
		String error = message(ex);
		if (ex.properties().get("explanation") instanceof MessageSourceResolvable explanation) {
			// The API's explanation of a refusal (why this reason, which limit) belongs
			// on
			// the page too.
			error = text("ui.error.because", error, this.messages.getMessage(explanation, locale()));
		}
		model.addAttribute("error", error);
		model.addAttribute("errorCode", ex.code().name());
		Map<String, String> fields = new LinkedHashMap<>();
		if (ex.properties().get("errors") instanceof Map<?, ?> errors) {
			errors.forEach(
					(field, value) -> fields.put(String.valueOf(field), (value instanceof MessageSourceResolvable r)
							? this.messages.getMessage(r, locale()) : String.valueOf(value)));
		}
		model.addAttribute("fieldErrors", fields);
		return ex;
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}
