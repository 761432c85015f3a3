package org.yixing.shared.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * zh-CN by default; English when the visible switch chose it (a cookie) or, without a
 * choice, when the request's {@code Accept-Language} asks for it (docs/ARCHITECTURE.md).
 */
public class LanguagePreference implements LocaleResolver {

	static final String COOKIE = "yixing_lang";

	private final AcceptHeaderLocaleResolver header = new AcceptHeaderLocaleResolver();

	public LanguagePreference() {
		this.header.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
		this.header.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			Locale chosen = Arrays.stream(cookies)
				.filter((c) -> COOKIE.equals(c.getName()))
				.map((c) -> supported(c.getValue()))
				.filter((l) -> l != null)
				.findFirst()
				.orElse(null);
			if (chosen != null) {
				return chosen;
			}
		}
		return this.header.resolveLocale(request);
	}

	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		if (response == null) {
			return;
		}
		Locale chosen = (locale != null) ? supported(locale.toLanguageTag()) : null;
		ResponseCookie cookie = ResponseCookie.from(COOKIE, (chosen != null) ? chosen.toLanguageTag() : "")
			.path("/")
			.httpOnly(true)
			.sameSite("Lax")
			.secure(request.isSecure())
			.maxAge((chosen != null) ? Duration.ofDays(365) : Duration.ZERO)
			.build();
		response.addHeader("Set-Cookie", cookie.toString());
	}

	static @Nullable Locale supported(@Nullable String tag) {
		if (tag == null) {
			return null;
		}
		if (tag.toLowerCase(Locale.ROOT).startsWith("en")) {
			return Locale.ENGLISH;
		}
		return tag.toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : null;
	}

}
