package org.yixing.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for API tests: real requests to the running application. */
@TestComponent
public class Api {

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Environment environment;

	public Api(Environment environment) {
		this.environment = environment;
	}

	public Response get(String path) {
		return send("GET", path, null, null, Map.of());
	}

	public Response get(String path, @Nullable String token) {
		return send("GET", path, null, token, Map.of());
	}

	public Response post(String path, @Nullable Object body) {
		return send("POST", path, body, null, Map.of());
	}

	public Response post(String path, @Nullable Object body, @Nullable String token) {
		return send("POST", path, body, token, Map.of());
	}

	public Response put(String path, @Nullable Object body, @Nullable String token) {
		return send("PUT", path, body, token, Map.of());
	}

	public Response delete(String path, @Nullable String token) {
		return send("DELETE", path, null, token, Map.of());
	}

	public Response send(String method, String path, @Nullable Object body, @Nullable String token,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		if (body != null) {
			String text = (body instanceof String raw) ? raw : this.json.writeValueAsString(body);
			request.method(method, HttpRequest.BodyPublishers.ofString(text));
			if (!headers.containsKey("Content-Type")) {
				request.header("Content-Type", "application/json");
			}
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::header);
		return exchange(request.build());
	}

	/** A request exactly as given: raw bytes, any content type, any target. */
	public Response sendBytes(String method, String path, byte @Nullable [] body, @Nullable String token,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::header);
		return exchange(request.build());
	}

	/** A multipart/form-data POST of text fields and one file part. */
	public Response multipart(String path, Map<String, String> fields, String fileField, String fileName, byte[] file,
			String fileType, @Nullable String token) {
		return multipart("POST", path, fields, fileField, fileName, file, fileType, token);
	}

	/** A multipart/form-data request of text fields and one file part. */
	public Response multipart(String method, String path, Map<String, String> fields, String fileField, String fileName,
			byte[] file, String fileType, @Nullable String token) {
		String boundary = "----yixing" + UUID.randomUUID();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			for (Map.Entry<String, String> field : fields.entrySet()) {
				out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
						+ "\"\r\n\r\n" + field.getValue() + "\r\n")
					.getBytes(StandardCharsets.UTF_8));
			}
			out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
					+ fileName + "\"\r\nContent-Type: " + fileType + "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			out.write(file);
			out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.method(method, HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return exchange(request.build());
	}

	public URI uri(String path) {
		String prefix = path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3")
				|| path.equals("/") || path.startsWith("/swagger") ? "" : "/api/v1";
		return URI.create("http://127.0.0.1:" + this.environment.getProperty("local.server.port") + prefix + path);
	}

	private Response exchange(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), this.json, response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String contentType, byte[] bytes, JsonMapper json,
			Map<String, java.util.List<String>> headers) {

		/** A response header's first value, or empty. */
		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((h) -> h.getKey().equalsIgnoreCase(name))
				.flatMap((h) -> h.getValue().stream())
				.findFirst()
				.orElse("");
		}

		public JsonNode body() {
			return (this.bytes.length == 0) ? this.json.nullNode() : this.json.readTree(this.bytes);
		}

		public String text() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

		/** The problem {@code code}, or empty for a success. */
		public String code() {
			return this.contentType.startsWith("application/problem+json") ? body().path("code").asString() : "";
		}

		public String field(String name) {
			return body().path(name).asString();
		}

		@Override
		public String toString() {
			return this.status + " " + text();
		}

	}

}
