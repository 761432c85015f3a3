package org.yixing.campus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseCookie;

/**
 * Random values kept in HttpOnly, SameSite=Lax cookies, and found in the database only by
 * their SHA-256: what ties a sign-on in flight, or an identity waiting to be linked, to
 * the browser that began it.
 */
final class BrowserCookies {

	private static final SecureRandom RANDOM = new SecureRandom();

	private BrowserCookies() {
	}

	static String newValue() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static Optional<String> read(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		return (cookies != null) ? Arrays.stream(cookies)
			.filter((c) -> name.equals(c.getName()))
			.map(Cookie::getValue)
			.filter((v) -> !v.isBlank() && v.length() <= 100)
			.findFirst() : Optional.empty();
	}

	/** {@code maxAge} zero deletes it. */
	static void write(HttpServletRequest request, HttpServletResponse response, String name, String value, String path,
			Duration maxAge) {
		response.addHeader("Set-Cookie",
				ResponseCookie.from(name, value)
					.httpOnly(true)
					.secure(request.isSecure())
					.sameSite("Lax")
					.path(path)
					.maxAge(maxAge)
					.build()
					.toString());
	}

	static byte[] hash(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
