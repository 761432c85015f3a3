package org.yixing.test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's HTTP side for page tests: cookies kept, redirects not followed, the CSRF
 * token read from the last page as a form would carry it.
 */
public final class WebSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"");

	private final CookieManager cookies = new LoopbackCookies();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String baseUrl;

	private String csrf = "";

	public WebSession(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	/** Signs in through the login form. */
	public static WebSession signedIn(int port, String account, String password) {
		WebSession session = new WebSession(port);
		session.get("/login");
		Page signedIn = session.post("/login", Map.of("account", account, "password", password));
		if (signedIn.status() != 302) {
			throw new IllegalStateException("sign-in failed: " + signedIn.status());
		}
		return session;
	}

	public Page get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET());
	}

	/** A GET with the {@code Accept} header a browser or a client sends. */
	public Page get(String path, String accept) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).header("Accept", accept).GET());
	}

	/** A form post carrying the CSRF token of the last page. */
	public Page post(String path, Map<String, String> fields) {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		withToken.putIfAbsent("_csrf", this.csrf);
		return postRaw(path, withToken);
	}

	/** A form post as given: no CSRF token unless the fields carry one. */
	public Page postRaw(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map((e) -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * A form's file upload ({@code multipart/form-data}): {@code file} as the part named
	 * {@code file}, with the CSRF token of the last page.
	 */
	public Page upload(String path, String fileName, byte[] file) {
		return upload(path, Map.of(), "file", fileName, file);
	}

	/**
	 * A form's upload ({@code multipart/form-data}): its {@code fields}, {@code file} as
	 * the part {@code fileField}, and the CSRF token of the last page.
	 */
	public Page upload(String path, Map<String, String> fields, String fileField, String fileName, byte[] file) {
		String boundary = "----yixing" + System.nanoTime();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		withToken.putIfAbsent("_csrf", this.csrf);
		withToken.forEach((name, value) -> body.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
					.getBytes(StandardCharsets.UTF_8)));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
				+ fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(file);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/** A download's bytes, or an {@link IllegalStateException} for any status but 200. */
	public byte[] download(String path) {
		try {
			HttpResponse<byte[]> response = this.http.send(
					HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public Page send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			Matcher token = CSRF.matcher(response.body());
			if (token.find()) {
				this.csrf = token.group(1);
			}
			return new Page(response.statusCode(), response.body(), response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public String csrf() {
		return this.csrf;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Secure cookies kept and sent over plain HTTP to a loopback address, as browsers do
	 * (a loopback address is a secure context): Keycloak marks its cookies Secure.
	 */
	private static final class LoopbackCookies extends CookieManager {

		@Override
		public void put(URI uri, Map<String, java.util.List<String>> responseHeaders) throws IOException {
			boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
			if (!loopback) {
				super.put(uri, responseHeaders);
				return;
			}
			Map<String, java.util.List<String>> insecure = new java.util.HashMap<>();
			responseHeaders
				.forEach((name, values) -> insecure.put(name, (name != null && name.equalsIgnoreCase("Set-Cookie"))
						? values.stream().map((v) -> v.replaceAll("(?i);\\s*Secure", "")).toList() : values));
			super.put(uri, insecure);
		}

	}

	public record Page(int status, String body, HttpResponse<String> response) {

		public String header(String name) {
			return this.response.headers().firstValue(name).orElse("");
		}

		public java.util.List<String> headers(String name) {
			return this.response.headers().allValues(name);
		}

	}

}
