package org.yixing.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every answer carries (security headers) and what every error under {@code /api/}
 * is (problem+json with a code), including requests the servlet container refuses before
 * the application sees them.
 */
@ApiTest
class ResponseHeadersAndErrorsTests {

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	@Test
	void pagesCarryAStrictContentSecurityPolicyAndTheOtherSecurityHeaders() throws Exception {
		Map<String, String> headers = raw("GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
			.headers();
		String csp = headers.get("content-security-policy");
		assertThat(csp).contains("script-src 'self';", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'",
				"form-action 'self'");
		assertThat(directive(csp, "script-src")).doesNotContain("unsafe-inline", "unsafe-eval", "*");
		assertThat(headers).containsEntry("x-content-type-options", "nosniff")
			.containsEntry("x-frame-options", "DENY")
			.containsEntry("referrer-policy", "strict-origin-when-cross-origin");
		assertThat(headers.get("permissions-policy")).contains("geolocation=(self)", "camera=(self)", "microphone=()");
		// HSTS only over HTTPS (a plain-HTTP answer must not pin a LAN address to HTTPS).
		assertThat(headers).doesNotContainKey("strict-transport-security");
		assertThat(headers.get("set-cookie")).contains("HttpOnly", "SameSite=Lax");
	}

	@Test
	void everyCookieIsHttpOnlyAndSameSite() throws Exception {
		for (String request : List.of("GET /lang?l=en HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")) {
			String cookies = raw(request).headers().get("set-cookie");
			assertThat(cookies).as(request).isNotBlank();
			for (String cookie : cookies.split("\n")) {
				assertThat(cookie).contains("HttpOnly", "SameSite=Lax");
			}
		}
	}

	@Test
	void apiAnswersMayRunNothingAndNeverBeFramed() throws Exception {
		Map<String, String> headers = raw(
				"GET /api/v1/regions HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
			.headers();
		assertThat(headers.get("content-security-policy")).contains("default-src 'none'", "frame-ancestors 'none'");
		assertThat(headers).containsEntry("x-content-type-options", "nosniff");
	}

	/** The policy holds only if no template carries inline script: none may. */
	@Test
	void noTemplateCarriesInlineScriptOrEventHandlers() throws IOException {
		Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
		Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
		Pattern javascriptUrl = Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE);
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
			List<Path> templates = files.filter((f) -> f.toString().endsWith(".html")).toList();
			assertThat(templates).hasSizeGreaterThan(30);
			for (Path template : templates) {
				String html = Files.readString(template);
				assertThat(inlineScript.matcher(html).find()).as("inline <script> in " + template).isFalse();
				assertThat(handler.matcher(html).find()).as("on…= handler in " + template).isFalse();
				assertThat(javascriptUrl.matcher(html).find()).as("javascript: URL in " + template).isFalse();
				assertThat(html).as("htmx inline handlers in " + template).doesNotContain("hx-on");
			}
		}
	}

	@Test
	void anEncodedSlashThatTheContainerRefusesIsProblemJson() throws Exception {
		Raw answer = raw("GET /api/v1/organizations/a%2Fb HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
		assertThat(answer.body()).contains("\"code\":\"MALFORMED_REQUEST\"").doesNotContain("Tomcat", "<html");
	}

	@Test
	void requestsTheFirewallRefusesAreProblemJsonToo() throws Exception {
		for (String target : List.of("/api/v1/organizations/a;b", "/api/v1//me", "/api/v1/organizations/%2e%2e/x",
				"/api/v1/me/%00")) {
			Raw answer = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			assertThat(answer.status()).as(target).isBetween(400, 499);
			assertThat(answer.headers().get("content-type")).as(target + ": " + answer.body())
				.startsWith("application/problem+json");
			assertThat(answer.body()).as(target).contains("\"code\":\"").doesNotContain("Tomcat", "<html", "Exception");
		}
	}

	@Test
	void aMalformedRequestLineUnderTheApiIsProblemJson() throws Exception {
		Raw answer = raw("GET /api/v1/me|x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).doesNotContain("Tomcat", "<html");
		if (!answer.body().isEmpty()) {
			assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
		}
	}

	@Test
	void pagesKeepAnHtmlErrorPageWithoutServerDetails() throws Exception {
		Raw answer = raw("GET /login%2Fx HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).doesNotContain("Tomcat/", "Exception");
	}

	@Test
	void aMethodTheApiDoesNotKnowIsProblemJson() {
		Api.Response response = this.api.send("TRACE", "/me", null, null, Map.of());
		assertThat(response.status()).isEqualTo(405);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	private static String directive(String csp, String name) {
		for (String directive : csp.split(";")) {
			if (directive.strip().startsWith(name + " ")) {
				return directive.strip();
			}
		}
		return "";
	}

	/** A request as written, bypassing every client's own URL checks. */
	private Raw raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int split = text.indexOf("\r\n\r\n");
			String head = (split >= 0) ? text.substring(0, split) : text;
			String body = (split >= 0) ? text.substring(split + 4) : "";
			String[] lines = head.split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, String> headers = new java.util.LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					// several Set-Cookie headers: one per line
					headers.merge(lines[i].substring(0, colon).strip().toLowerCase(),
							lines[i].substring(colon + 1).strip(), (a, b) -> a + "\n" + b);
				}
			}
			return new Raw(status, headers, body);
		}
	}

	record Raw(int status, Map<String, String> headers, String body) {
	}

}
