package org.yixing.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.security.EndpointRoles.Caller;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input, generated from the OpenAPI document, against every operation as anonymous,
 * volunteer, admin and staff: wrong types, huge strings, NUL and right-to-left
 * characters, NaN and infinite coordinates, deep JSON, wrong content types, malformed
 * multipart, junk ids. Every answer must be a 4xx problem+json with a code (a read may
 * still answer 200 for a harmless query), never a 5xx, a stack trace or SQL text, and
 * nothing may be stored.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFuzzTests {

	/**
	 * Operations whose success needs no input at all (issuing the caller's certificate
	 * stores it, withdrawing the face consent answers 204 whatever is sent, a personal
	 * code's key is issued to whoever asks for their own, one's own settings take their
	 * one valid field: ReminderApiTests refuses the rest), or that would end the test's
	 * sessions.
	 */
	static final Set<String> SKIPPED = Set.of("DELETE /api/v1/auth/token", "DELETE /api/v1/dev/clock",
			"POST /api/v1/admin/pii-key/re-encryption", "DELETE /api/v1/me/face", "GET /api/v1/me/certificate.pdf",
			"POST /api/v1/me/presence-key", "DELETE /api/v1/me/presence-key", "POST /api/v1/dev/reminders/run",
			"PUT /api/v1/me/settings");

	/** Counters that refusals legitimately move (guessing limits). */
	static final Set<String> COUNTERS = Set.of("check_in_code_guesses", "flyway_schema_history");

	static final List<String> LEAKS = List.of("Exception", "\tat ", "at org.", "at java.", "org.postgresql", "PSQL",
			"SQLState", "SQL [", "ERROR: ", "Caused by", "java.lang", "springframework", "tomcat");

	/**
	 * Long, but within the 8 KB a request line may have: a longer one cannot be read at
	 * all, and Tomcat answers a bare 400 without knowing the path (see
	 * ResponseHeadersAndErrorsTests).
	 */
	static final String HUGE = "长".repeat(800);

	static final List<String> BAD_STRINGS = List.of("", " ", "\u0000", "a\u0000b", "\u202Eevil\u202C",
			"' OR '1'='1' --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "NaN", "-1", "1e309",
			"99999999999999999999999", "\uD83D\uDE00", "null", "\t\r\n", "\u0661\u0662\u0663", "\uFF21\uFF22", "true",
			HUGE);

	static final List<String> BAD_JSON_VALUES = List.of("{\"nested\":{\"deeper\":[1,2,3]}}", "[1,2,3]", "-1", "1e309",
			"-1e309", "true", "\"\\u0000\"", "\"\\u202Eevil\"", "\"" + "x".repeat(100_000) + "\"", "\"NaN\"",
			"\"Infinity\"", "12345678901234567890123", "0.5", "\"' OR 1=1 --\"",
			"\"00000000-0000-0000-0000-00000000000g\"", "{}");

	static final List<String> BAD_IDS = List.of("abc", "-1", "0", "1e9", "%00", "%E2%80%AEevil", "'%20OR%201=1",
			"a".repeat(3000), "..%2F..", "null", "%F0%9F%98%80", "00000000-0000-0000-0000-00000000000g",
			"00000000-0000-0000-0000-000000000000");

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	EndpointRoles.Tokens tokens;

	JsonNode document;

	final Random random = new Random(20261126);

	@BeforeAll
	void callersAndDocument() {
		this.tokens = EndpointRoles.Tokens.create(this.api);
		this.document = this.api.get("/v3/api-docs").body();
	}

	@Test
	void tenThousandBadInputsGetProblemDetailsAndStoreNothing() {
		Map<String, Long> before = rowCounts();
		List<String> failures = new ArrayList<>();
		int sent = 0;
		int reads = 0;
		for (var path : this.document.path("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				String method = operation.getKey().toUpperCase();
				String key = method + " " + path.getKey();
				if (SKIPPED.contains(key)) {
					continue;
				}
				List<Request> requests = badRequests(method, path.getKey(), operation.getValue());
				for (Caller caller : Caller.values()) {
					for (Request request : requests) {
						Api.Response response = send(request, this.tokens.of(caller));
						sent++;
						String problem = judge(method, response);
						if (problem == null && response.status() < 300) {
							reads++;
						}
						if (problem != null && failures.size() < 40) {
							failures.add(caller + " " + method + " " + abbreviate(request.target()) + " ["
									+ request.contentType() + "] " + abbreviate(request.bodyText()) + " → " + problem);
						}
					}
				}
			}
		}
		org.slf4j.LoggerFactory.getLogger(ApiFuzzTests.class)
			.info("Sent {} bad requests; {} harmless reads answered 2xx", sent, reads);
		assertThat(failures).isEmpty();
		assertThat(sent).isGreaterThanOrEqualTo(10_000);
		assertThat(reads).as("successful harmless reads").isLessThan(sent / 10);
		Map<String, Long> after = rowCounts();
		assertThat(after).as("rows stored by bad input").isEqualTo(before);
	}

	/** {@code null} when the answer is acceptable, else what is wrong with it. */
	private @Nullable String judge(String method, Api.Response response) {
		String text = response.text();
		for (String leak : LEAKS) {
			if (text.contains(leak)) {
				return "leaks '" + leak + "': " + abbreviate(text);
			}
		}
		if (response.status() >= 500) {
			return response.status() + " " + abbreviate(text);
		}
		if (response.status() < 300) {
			// A read may answer a harmless query; the roster import reports bad lines
			// line by line (RULES §1) and must then have created no one.
			boolean report = text.contains("\"created\":0,\"alreadyRegistered\":0");
			return (method.equals("GET") || report) ? null : "accepted: " + response.status() + " " + abbreviate(text);
		}
		if (response.status() < 400) {
			return "redirected: " + response.status();
		}
		if (!response.contentType().startsWith("application/problem+json")) {
			return response.status() + " as " + response.contentType() + ": " + abbreviate(text);
		}
		return response.code().isEmpty() ? "no code: " + abbreviate(text) : null;
	}

	private List<Request> badRequests(String method, String template, JsonNode operation) {
		List<Request> requests = new ArrayList<>();
		List<JsonNode> parameters = new ArrayList<>();
		operation.path("parameters").forEach(parameters::add);
		String valid = EndpointRoles.fill(template);
		// Junk in every path variable.
		if (template.contains("{")) {
			for (String id : BAD_IDS) {
				requests.add(new Request(method, template.replaceAll("\\{[^}]+}", id), null, null));
			}
		}
		// Junk in every query parameter (and a well-formed path).
		for (JsonNode parameter : parameters) {
			if ("query".equals(parameter.path("in").asString())) {
				for (String bad : BAD_STRINGS) {
					requests.add(new Request(method, valid + "?" + parameter.path("name").asString() + "="
							+ URLEncoder.encode(bad, StandardCharsets.UTF_8), null, null));
				}
			}
		}
		// Junk in every header parameter (the device id of quick check-in).
		for (JsonNode parameter : parameters) {
			if ("header".equals(parameter.path("in").asString())) {
				for (String bad : List.of("", "x", "a".repeat(5000), "<script>device</script>", "' OR 1=1 --",
						"../../device", "%00%00%00%00%00%00%00%00", "device with spaces")) {
					requests
						.add(new Request(method, valid, null, null, Map.of(parameter.path("name").asString(), bad)));
				}
			}
		}
		JsonNode content = operation.path("requestBody").path("content");
		if (content.has("application/json")) {
			requests.addAll(badJsonBodies(method, valid, schema(content.path("application/json").path("schema"))));
		}
		if (content.has("multipart/form-data")) {
			requests.addAll(badMultipart(method, valid));
		}
		if (content.has("text/csv")) {
			for (String csv : List.of("", "\u0000\u0000", "姓名,身份证号\n" + "x,".repeat(5000), "\"unterminated")) {
				requests.add(new Request(method, valid, "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
			}
		}
		if (requests.isEmpty()) {
			// Nothing to get wrong but the body: a body where none belongs, of a wrong
			// type.
			requests.add(new Request(method, valid, "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)));
		}
		// The same request in content types the operation does not take.
		if (!content.isMissingNode() && !content.isEmpty()) {
			requests.add(new Request(method, valid, "text/plain", "{}".getBytes(StandardCharsets.UTF_8)));
			requests.add(new Request(method, valid, "application/xml", "<x>1</x>".getBytes(StandardCharsets.UTF_8)));
			requests.add(new Request(method, valid, "application/x-www-form-urlencoded",
					"a=%00&b=%E2%80%AE".getBytes(StandardCharsets.UTF_8)));
		}
		return requests;
	}

	private List<Request> badJsonBodies(String method, String target, JsonNode schema) {
		List<Request> requests = new ArrayList<>();
		List<String> syntax = new ArrayList<>(List.of("", "{", "[", "null", "42", "\"text\"", "[]", "{\"a\":",
				"{\"lat\": NaN, \"lng\": Infinity}", "NaN", "{\"a\":1}}", "\uFEFF{}x", "[".repeat(5000),
				"{\"a\":".repeat(3000) + "1" + "}".repeat(3000), "{\"location\":{\"lat\":1e309,\"lng\":-1e309}}",
				"{\"location\":{\"lat\":\"NaN\",\"lng\":\"Infinity\"}}", "{\"" + "k".repeat(50_000) + "\":1}"));
		for (String body : syntax) {
			requests.add(new Request(method, target, "application/json", body.getBytes(StandardCharsets.UTF_8)));
		}
		requests.add(new Request(method, target, "application/json",
				new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' }));
		// Each property alone with values of the wrong type or out of every range, the
		// others missing.
		Iterator<String> values = cycle(BAD_JSON_VALUES);
		for (var property : schema.path("properties").properties()) {
			for (int i = 0; i < 10; i++) {
				requests.add(json(method, target, "{\"" + property.getKey() + "\":" + values.next() + "}"));
			}
		}
		// Every property at once, each wrong.
		if (!schema.path("properties").isEmpty()) {
			for (int round = 0; round < 8; round++) {
				Map<String, String> all = new LinkedHashMap<>();
				for (var property : schema.path("properties").properties()) {
					all.put(property.getKey(), values.next());
				}
				requests.add(json(method, target, object(all)));
			}
		}
		return requests;
	}

	private List<Request> badMultipart(String method, String target) {
		List<Request> requests = new ArrayList<>();
		String boundary = "----fuzz" + this.random.nextInt(1_000_000);
		byte[] junk = new byte[2048];
		this.random.nextBytes(junk);
		requests
			.add(new Request(method, target, "multipart/form-data", "no boundary".getBytes(StandardCharsets.UTF_8)));
		requests.add(new Request(method, target, "multipart/form-data; boundary=" + boundary,
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nunterminated")
					.getBytes(StandardCharsets.UTF_8)));
		requests.add(new Request(method, target, "multipart/form-data; boundary=" + boundary,
				("--other\r\n\r\n--other--\r\n").getBytes(StandardCharsets.UTF_8)));
		for (String field : List.of("file", "photo")) {
			byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"idNumber\"\r\n\r\n\u0000\u202E"
					+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
					+ "\"; filename=\"../../x\u0000.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8);
			byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
			byte[] body = new byte[head.length + junk.length + tail.length];
			System.arraycopy(head, 0, body, 0, head.length);
			System.arraycopy(junk, 0, body, head.length, junk.length);
			System.arraycopy(tail, 0, body, head.length + junk.length, tail.length);
			requests.add(new Request(method, target, "multipart/form-data; boundary=" + boundary, body));
		}
		return requests;
	}

	private JsonNode schema(JsonNode schema) {
		String ref = schema.path("$ref").asString("");
		return ref.isEmpty() ? schema
				: this.document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
	}

	private static Request json(String method, String target, String body) {
		return new Request(method, target, "application/json", body.getBytes(StandardCharsets.UTF_8));
	}

	private static String object(Map<String, String> members) {
		StringBuilder out = new StringBuilder("{");
		members.forEach((name,
				value) -> out.append(out.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value));
		return out.append('}').toString();
	}

	private static Iterator<String> cycle(List<String> values) {
		return new Iterator<>() {
			int next;

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public String next() {
				return values.get(this.next++ % values.size());
			}
		};
	}

	private Api.Response send(Request request, @Nullable String token) {
		Map<String, String> headers = new LinkedHashMap<>(request.headers());
		if (request.contentType() != null) {
			headers.put("Content-Type", request.contentType());
		}
		return this.api.sendBytes(request.method(), request.target(), request.body(), token, headers);
	}

	private Map<String, Long> rowCounts() {
		Map<String, Long> counts = new java.util.TreeMap<>();
		for (String table : this.jdbc
			.sql("SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
			.query(String.class)
			.list()) {
			if (!COUNTERS.contains(table)) {
				counts.put(table, this.jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
			}
		}
		return counts;
	}

	private static String abbreviate(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String flat = text.replaceAll("\\p{Cntrl}", "␀");
		return (flat.length() > 160) ? flat.substring(0, 160) + "…" : flat;
	}

	record Request(String method, String target, @Nullable String contentType, byte @Nullable [] body,
			Map<String, String> headers) {

		Request(String method, String target, @Nullable String contentType, byte @Nullable [] body) {
			this(method, target, contentType, body, Map.of());
		}

		String bodyText() {
			return (this.body != null) ? new String(this.body, StandardCharsets.UTF_8) : "";
		}

	}

}
