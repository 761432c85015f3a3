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
	void theDocumentPassesOpenApiValidation() {
		String document = this.api.get("/v3/api-docs").text();
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		options.setValidateInternalRefs(true);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
		assertThat(result.getMessages()).as("OpenAPI validation messages").isEmpty();
		assertThat(result.getOpenAPI()).isNotNull();
		assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
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
