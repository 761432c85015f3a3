package org.yixing.shared;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Organizations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/ARCHITECTURE.md: every failure is problem+json with a stable code and no
 * internals.
 */
@ApiTest
class ProblemDetailsApiTests {

	@Autowired
	Api api;

	@Test
	void anUnknownPathIsANotFoundProblem() {
		Api.Response response = this.api.get("/no-such-thing");
		assertProblem(response, 404, "NOT_FOUND");
	}

	@Test
	void aWrongMethodIsAMethodNotAllowedProblem() {
		assertProblem(this.api.delete("/regions", null), 405, "METHOD_NOT_ALLOWED");
	}

	@Test
	void aWrongContentTypeIsAnUnsupportedMediaTypeProblem() {
		assertProblem(this.api.send("POST", "/auth/token", "account=x", null, Map.of("Content-Type", "text/plain")),
				415, "UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void aYamlOrXmlBodyIsAnUnsupportedMediaTypeProblem() {
		assertProblem(this.api.send("POST", "/auth/token", "account: x\npassword: y\n", null,
				Map.of("Content-Type", "application/yaml")), 415, "UNSUPPORTED_MEDIA_TYPE");
		assertProblem(this.api.send("POST", "/auth/token", "<token><account>x</account></token>", null,
				Map.of("Content-Type", "application/xml")), 415, "UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void anAnswerInYamlOrXmlIsRefusedAsMalformed() {
		for (String format : new String[] { "application/yaml", "application/xml" }) {
			assertProblem(this.api.send("GET", "/regions", null, null, Map.of("Accept", format)), 400,
					"MALFORMED_REQUEST");
		}
		assertThat(this.api.send("GET", "/regions", null, null, Map.of("Accept", "application/json")).status())
			.isEqualTo(200);
	}

	@Test
	void unreadableJsonIsAMalformedRequest() {
		assertProblem(this.api.post("/auth/token", "{\"account\": "), 400, "MALFORMED_REQUEST");
		assertProblem(this.api.post("/auth/token", "[1, 2]"), 400, "MALFORMED_REQUEST");
	}

	/**
	 * JSON that reads but holds a value of the wrong kind stays MALFORMED_REQUEST, and
	 * names where: a time without its offset, a word for a number, a value of no enum.
	 */
	@Test
	void aValueOfTheWrongKindIsMalformedAndNamesItsField() {
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String organization = organizations.createTopLevel("格式协会" + System.nanoTime() % 100_000);
		Map<String, Object> fence = Map.of("type", "CIRCLE", "center", Map.of("lat", 30.47, "lng", 114.38),
				"radiusMeters", 200);
		Api.Response noOffset = this.api.post("/organizations/" + organization + "/activities", Map.of("title", "t",
				"startAt", "2026-12-05T08:00:00", "endAt", "2026-12-05T10:00:00+08:00", "geofence", fence), staff);
		assertProblem(noOffset, 400, "MALFORMED_REQUEST");
		assertThat(noOffset.body().path("errors").path("startAt").asString()).contains("带时区")
			.contains("2026-12-05T08:00:00+08:00");
		Api.Response word = this.api.post("/organizations/" + organization + "/activities",
				Map.of("title", "t", "startAt", "2026-12-05T08:00:00+08:00", "endAt", "2026-12-05T10:00:00+08:00",
						"geofence",
						Map.of("type", "CIRCLE", "center", Map.of("lat", "north", "lng", 114.38), "radiusMeters", 200)),
				staff);
		assertProblem(word, 400, "MALFORMED_REQUEST");
		assertThat(word.body().path("errors").path("geofence.center.lat").asString()).isEqualTo("格式不正确");
		Api.Response purpose = this.api.post("/sms-codes", Map.of("phone", "13800009999", "purpose", "NOPE"));
		assertProblem(purpose, 400, "MALFORMED_REQUEST");
		assertThat(purpose.body().path("errors").has("purpose")).isTrue();
		assertThat(this.api.post("/auth/token", "{\"account\": ").body().has("errors"))
			.as("unreadable JSON names no field")
			.isFalse();
	}

	@Test
	void unknownFieldsAreIgnored() {
		Api.Response response = this.api.post("/sms-codes",
				Map.of("phone", "13800009999", "purpose", "REGISTER", "extra", "ignored"));
		assertThat(response.status()).isEqualTo(202);
	}

	@Test
	void missingFieldsAreListedOneByOne() {
		Api.Response response = this.api.send("POST", "/auth/token", "{}", null, Map.of("Accept-Language", "en"));
		assertProblem(response, 400, "VALIDATION_FAILED");
		assertThat(response.body().path("errors").path("account").asString()).isEqualTo("must not be blank");
		assertThat(response.body().path("errors").path("password").asString()).isEqualTo("must not be blank");
	}

	@Test
	void theDefaultLanguageIsSimplifiedChinese() {
		assertThat(this.api.get("/me").field("detail")).isEqualTo("请先登录");
		assertThat(this.api.send("GET", "/me", null, null, Map.of("Accept-Language", "en")).field("detail"))
			.isEqualTo("Please log in");
		assertThat(this.api.send("GET", "/me", null, null, Map.of("Accept-Language", "fr")).field("detail"))
			.isEqualTo("请先登录");
	}

	@Test
	void theHomePageSaysWhatRunsAndLinksTheApiDocs() {
		Api.Response home = this.api.get("/");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.contentType()).startsWith("text/html");
		assertThat(home.text()).contains("益行").contains("/swagger-ui.html").contains("/v3/api-docs");
	}

	@Test
	void operationsEndpointsAnswer() {
		assertThat(this.api.get("/actuator/health").field("status")).isEqualTo("UP");
		assertThat(this.api.get("/actuator/health/readiness").field("status")).isEqualTo("UP");
		assertThat(this.api.get("/actuator/prometheus").text()).contains("jvm_memory_used_bytes");
		Api.Response docs = this.api.get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.body().path("paths").has("/api/v1/accounts")).isTrue();
		assertThat(docs.body().path("paths").has("/api/v1/auth/token")).isTrue();
		assertThat(this.api.get("/swagger-ui.html").status()).isEqualTo(200);
	}

	@Test
	void theApiDocsPageNamesNoOutsideAddress() {
		assertThat(this.api.get("/swagger-ui/swagger-initializer.js").text()).contains("/v3/api-docs")
			.doesNotContain("petstore")
			.doesNotContain("https://");
		assertThat(this.api.get("/v3/api-docs/swagger-config").field("validatorUrl")).isEmpty();
	}

	private static void assertProblem(Api.Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.code()).isEqualTo(code);
		assertThat(response.body().path("status").asInt()).isEqualTo(status);
		assertThat(response.field("detail")).isNotBlank();
		assertThat(response.text()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("SQL");
	}

}
