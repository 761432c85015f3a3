package org.yixing.attendance;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseCookie;

/**
 * The browser's device id for check-in (RULES §6: one phone, one account for quick
 * check-in; check-out from the same device): generated once per browser and kept, also
 * across sign-out, so that a second account on the same phone is the same device.
 */
final class DeviceCookie {

	static final String NAME = "yixing_device";

	private static final SecureRandom RANDOM = new SecureRandom();

	private DeviceCookie() {
	}

	/** This browser's device id, created (and set on the response) the first time. */
	static String of(HttpServletRequest request, HttpServletResponse response) {
		Cookie[] cookies = (request.getCookies() != null) ? request.getCookies() : new Cookie[0];
		return Arrays.stream(cookies)
			.filter((c) -> NAME.equals(c.getName()))
			.map(Cookie::getValue)
			.filter((v) -> v.matches("[0-9a-f]{32}"))
			.findFirst()
			.orElseGet(() -> {
				byte[] bytes = new byte[16];
				RANDOM.nextBytes(bytes);
				String id = HexFormat.of().formatHex(bytes);
				response.addHeader("Set-Cookie",
						ResponseCookie.from(NAME, id)
							.httpOnly(true)
							.secure(request.isSecure())
							.sameSite("Lax")
							.path("/")
							.maxAge(Duration.ofDays(3650))
							.build()
							.toString());
				return id;
			});
	}

}
