package org.yixing.shared.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** The visible language switch: remembers the choice and returns to the page. */
@PageController
class LanguageController {

	private final LocaleResolver locales;

	LanguageController(LocaleResolver locales) {
		this.locales = locales;
	}

	@GetMapping("/lang")
	String switchTo(@RequestParam(defaultValue = "zh-CN") String l,
			@RequestParam(required = false) @Nullable String next, HttpServletRequest request,
			HttpServletResponse response) {
		Locale locale = LanguagePreference.supported(l);
		this.locales.setLocale(request, response, (locale != null) ? locale : Locale.SIMPLIFIED_CHINESE);
		return "redirect:" + LocalPath.orHome(next);
	}

}
