package org.yixing.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Browser;
import org.yixing.test.BrowserTest;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lighthouse's mobile performance audit of the check-in page (issue 25): the live page
 * with the map and the check-in buttons, signed in, on Lighthouse's default mobile
 * profile (a mid-range phone, slow 4G simulated). Lighthouse comes from npm
 * ({@code bash bench/lighthouse.sh} installs it into {@code target/lighthouse}) and runs
 * Debian's Chromium. Results: {@code target/bench/lighthouse.txt} and the full report
 * {@code target/bench/lighthouse.json}.
 */
@ApiTest
@Tag("benchmark")
class LighthouseBenchmark extends BrowserTest {

	@Test
	void theCheckInPageScoresOnLighthousesMobileAudit() throws Exception {
		String code = new Attendance(this.api).openActivityNow(new Organizations(this.api), "灯塔协会");
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		BrowserContext context = this.browser.phone(Attendance.LAT, Attendance.LNG);
		Page page = Browser.signIn(context, volunteer.phone(), Volunteers.PASSWORD);
		String cookie = context.cookies().stream().map((c) -> c.name + "=" + c.value).collect(Collectors.joining("; "));
		String url = this.browser.baseUrl() + "/check-in/live?v=2026-01&code=" + code;
		page.navigate(url);
		assertThat(page.locator("#submit-position").count()).isEqualTo(1);
		context.close();

		Path out = Path.of("target/bench");
		Files.createDirectories(out);
		Path report = out.resolve("lighthouse.json");
		Path headers = out.resolve("lighthouse-headers.json");
		Files.writeString(headers, JsonMapper.builder().build().writeValueAsString(Map.of("Cookie", cookie)));
		ProcessBuilder lighthouse = new ProcessBuilder(List.of("node",
				"target/lighthouse/node_modules/lighthouse/cli/index.js", url, "--only-categories=performance",
				"--output=json", "--output-path=" + report, "--extra-headers=" + headers,
				"--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--quiet"))
			.redirectErrorStream(true)
			.redirectOutput(out.resolve("lighthouse.log").toFile());
		lighthouse.environment().put("CHROME_PATH", "/usr/bin/chromium");
		Process run = lighthouse.start();
		assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(run.exitValue()).as(Files.readString(out.resolve("lighthouse.log"))).isZero();

		JsonNode result = JsonMapper.builder().build().readTree(report.toFile());
		StringBuilder text = new StringBuilder();
		text.append(String.format("Lighthouse %s, mobile, %s%n", result.path("lighthouseVersion").asString(),
				result.path("finalDisplayedUrl").asString().replaceAll("code=\\d+", "code=…")));
		text.append(String.format("performance score: %.0f%n",
				result.path("categories").path("performance").path("score").asDouble() * 100));
		for (String audit : List.of("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
				"cumulative-layout-shift", "speed-index", "total-byte-weight")) {
			JsonNode a = result.path("audits").path(audit);
			text.append(String.format("  %-26s %s%n", audit, a.path("displayValue").asString()));
		}
		Files.writeString(out.resolve("lighthouse.txt"), text);
		System.out.print(text);
	}

}
