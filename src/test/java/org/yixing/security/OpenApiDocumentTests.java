package org.yixing.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v3/api-docs} is a valid OpenAPI document that generates correct clients: it
 * passes the OpenAPI parser's validation, names a license properly, and no operation
 * exposes a server-side type (the signed-in caller, the locale, the servlet request) as a
 * parameter.
 */
@ApiTest
class OpenApiDocumentTests {

	/** Resolved on the server, never sent by a client. */
	static final Set<String> SERVER_SIDE = Set.of("caller", "me", "staff", "locale", "request", "response", "http",
			"model", "AuthenticatedAccount");

	@Autowired
	Api api;

	@Test
	void theDocumentPassesOpenApiValidation() throws java.io.IOException {
		String document = this.api.get("/v3/api-docs").text();
		// Kept for reading and for client generators: target/openapi.json.
		java.nio.file.Files.writeString(java.nio.file.Path.of("target/openapi.json"), document);
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		options.setValidateInternalRefs(true);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
		assertThat(result.getMessages()).as("OpenAPI validation messages").isEmpty();
		assertThat(result.getOpenAPI()).isNotNull();
		assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
	}

	/** What may never ride in a URL, where proxies and access logs keep it (issue 29). */
	static final Set<String> PERSONAL = Set.of("idnumber", "phone", "newphone", "realname", "password", "newpassword",
			"currentpassword", "smscode", "answer");

	@Test
	void noPersonalDataIsAParameterOfAUrl() {
		JsonNode document = this.api.get("/v3/api-docs").body();
		List<String> found = new ArrayList<>();
		for (var path : document.path("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				for (JsonNode parameter : operation.getValue().path("parameters")) {
					String name = parameter.path("name").asString().toLowerCase(java.util.Locale.ROOT);
					boolean inUrl = Set.of("query", "path").contains(parameter.path("in").asString());
					// The dev tools' outbox (never on in production) may keep its query.
					boolean devTools = path.getKey().startsWith("/api/v1/dev/");
					if (inUrl && !devTools && PERSONAL.contains(name)) {
						found.add(operation.getKey().toUpperCase() + " " + path.getKey() + " ?" + name);
					}
				}
			}
		}
		assertThat(found).isEmpty();
		// Every multipart body is a named schema of its own (a shared inline one breaks
		// generated clients), and its form fields are never query parameters too.
		for (var path : document.path("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				JsonNode multipart = operation.getValue()
					.path("requestBody")
					.path("content")
					.path("multipart/form-data");
				if (!multipart.isMissingNode()) {
					assertThat(multipart.path("schema").path("$ref").asString()).as(path.getKey())
						.startsWith("#/components/schemas/");
					String schema = multipart.path("schema").path("$ref").asString().substring(21);
					for (JsonNode parameter : operation.getValue().path("parameters")) {
						assertThat(document.path("components")
							.path("schemas")
							.path(schema)
							.path("properties")
							.has(parameter.path("name").asString())).as(path.getKey() + " ?" + parameter.path("name"))
							.isFalse();
					}
				}
			}
		}
		// The ID-photo recovery's form fields are parts of its multipart body.
		JsonNode idPhoto = document.path("paths").path("/api/v1/password-resets/id-photo").path("post");
		assertThat(idPhoto.path("parameters").isMissingNode() || idPhoto.path("parameters").isEmpty()).isTrue();
		assertThat(idPhoto.path("requestBody").path("content").has("multipart/form-data")).isTrue();
	}

	@Test
	void operationsHaveUniqueStableIdsCapabilityTagsAndTheirOwnSecurity() {
		JsonNode document = this.api.get("/v3/api-docs").body();
		Set<String> ids = new java.util.HashSet<>();
		List<String> problems = new ArrayList<>();
		for (var path : document.path("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				String key = operation.getKey().toUpperCase() + " " + path.getKey();
				JsonNode op = operation.getValue();
				String id = op.path("operationId").asString();
				if (!id.matches("[a-z][A-Za-z]*") || !ids.add(id)) {
					problems.add(key + ": operationId " + id);
				}
				for (JsonNode tag : op.path("tags")) {
					if (tag.asString().endsWith("-controller") || tag.asString().contains("Controller")) {
						problems.add(key + ": tag " + tag.asString());
					}
				}
				if (op.path("tags").isEmpty()) {
					problems.add(key + ": no tag");
				}
				if (op.path("summary").asString("").isBlank()) {
					problems.add(key + ": no summary");
				}
				// Its problem answers, in the problem+json shape with the codes' enum.
				JsonNode unavailable = op.path("responses")
					.path("503")
					.path("content")
					.path("application/problem+json");
				if (!unavailable.path("schema").path("$ref").asString().equals("#/components/schemas/Problem")) {
					problems.add(key + ": no 503 problem answer");
				}
				if (!EndpointRoles.isPublic(key) && !op.path("responses").has("401")) {
					problems.add(key + ": no 401 answer");
				}
				boolean anonymous = op.has("security") && (op.path("security").isEmpty()
						|| java.util.stream.StreamSupport.stream(op.path("security").spliterator(), false)
							.anyMatch(JsonNode::isEmpty));
				if (anonymous != EndpointRoles.isPublic(key)) {
					problems.add(key + ": security " + op.path("security") + " but public is "
							+ EndpointRoles.isPublic(key));
				}
			}
		}
		assertThat(problems).isEmpty();
		// Those that hash a password take turns at it, and may say so in their 503; each
		// named there is an operation of the document.
		List<String> turns = new ArrayList<>();
		for (var path : document.path("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				if (operation.getValue()
					.path("responses")
					.path("503")
					.path("description")
					.asString()
					.contains("take turns at hashing passwords")) {
					turns.add(operation.getKey().toUpperCase() + " " + path.getKey());
				}
			}
		}
		assertThat(turns).containsExactlyInAnyOrder("POST /api/v1/accounts", "POST /api/v1/auth/token",
				"PUT /api/v1/me/password", "PUT /api/v1/me/phone", "PUT /api/v1/me/security-question",
				"DELETE /api/v1/me", "POST /api/v1/password-resets/sms",
				"POST /api/v1/password-resets/security-question",
				"DELETE /api/v1/me/campus-identities/{organizationId}");
		// The public operations the issue names, for generated clients to call without a
		// token.
		for (String[] open : new String[][] { { "/api/v1/auth/token", "post" }, { "/api/v1/accounts", "post" },
				{ "/api/v1/regions", "get" }, { "/api/v1/certificates/{code}", "get" } }) {
			assertThat(document.path("paths").path(open[0]).path(open[1]).path("security").isArray()).isTrue();
			assertThat(document.path("paths").path(open[0]).path(open[1]).path("security")).as(open[0]).isEmpty();
		}
		assertThat(document.path("components")
			.path("schemas")
			.path("Problem")
			.path("properties")
			.path("code")
			.path("enum")
			.toString()).contains("OUT_OF_RANGE", "ENDPOINT_GONE");
		// The rules' refusals, under their statuses (a few of the many).
		JsonNode checkIn = document.path("paths").path("/api/v1/check-ins").path("post").path("responses");
		assertThat(checkIn.path("422").path("description").asString()).contains("OUT_OF_RANGE",
				"NOT_ORGANIZATION_MEMBER");
		assertThat(checkIn.path("409").path("description").asString()).contains("ALREADY_CHECKED_IN");
		assertThat(document.path("paths")
			.path("/api/v1/sms-codes")
			.path("post")
			.path("responses")
			.path("429")
			.path("description")
			.asString()).contains("SMS_DAILY_LIMIT");
		// Every tag is described.
		for (JsonNode tag : document.path("tags")) {
			assertThat(tag.path("description").asString()).as(tag.path("name").asString()).isNotBlank();
		}
	}

	@Test
	void theLicenseNamesAnIdentifierOrUrl() {
		JsonNode license = this.api.get("/v3/api-docs").body().path("info").path("license");
		assertThat(license.path("name").asString()).isNotBlank();
		assertThat(license.path("identifier").asString("") + license.path("url").asString("")).isNotBlank();
	}

	@Test
	void noOperationExposesAServerSideTypeAsAParameter() {
		JsonNode document = this.api.get("/v3/api-docs").body();
		List<String> exposed = new ArrayList<>();
		int operations = 0;
		for (var path : document.path("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				operations++;
				for (JsonNode parameter : operation.getValue().path("parameters")) {
					String name = parameter.path("name").asString();
					boolean objectTyped = parameter.path("schema").has("$ref")
							|| "object".equals(parameter.path("schema").path("type").asString());
					if (SERVER_SIDE.contains(name) || objectTyped) {
						exposed.add(operation.getKey().toUpperCase() + " " + path.getKey() + " ?" + name);
					}
				}
			}
		}
		assertThat(operations).isGreaterThan(60);
		assertThat(exposed).isEmpty();
		// Nor as (a part of) a request body.
		assertThat(document.path("components").path("schemas").has("AuthenticatedAccount")).isFalse();
		assertThat(document.path("paths").toString()).doesNotContain("AuthenticatedAccount", "\"caller\"");
	}

}
