package org.yixing.region;

import java.time.Duration;
import java.util.Arrays;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The region in the top-left of the home page (the guide's 选择地区): remembered per browser,
 * 武汉市 until chosen; registration and organization search start from it.
 */
@Component
public class HomeRegion {

	static final String COOKIE = "yixing_region";

	static final String DEFAULT = "420100";

	private final Regions regions;

	HomeRegion(Regions regions) {
		this.regions = regions;
	}

	public Region of(HttpServletRequest request) {
		Cookie[] cookies = (request.getCookies() != null) ? request.getCookies() : new Cookie[0];
		return Arrays.stream(cookies)
			.filter((c) -> COOKIE.equals(c.getName()))
			.map((c) -> this.regions.find(c.getValue()))
			.flatMap(java.util.Optional::stream)
			.findFirst()
			.orElseGet(() -> this.regions.find(DEFAULT).orElseThrow());
	}

	void remember(Region region, HttpServletRequest request, HttpServletResponse response) {
		response.addHeader("Set-Cookie",
				ResponseCookie.from(COOKIE, region.code())
					.path("/")
					.sameSite("Lax")
					.secure(request.isSecure())
					.maxAge(Duration.ofDays(365))
					.build()
					.toString());
	}

}
