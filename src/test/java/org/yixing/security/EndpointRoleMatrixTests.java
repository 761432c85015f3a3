package org.yixing.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.security.EndpointRoles.Caller;
import org.yixing.security.EndpointRoles.Role;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the OpenAPI document × anonymous, volunteer, admin and staff: a
 * caller without the operation's role gets 401 or 403 with its problem code whatever the
 * request carries (an invalid body must not reveal the validation rules first), and a
 * caller with it is never told to sign in. The operations come from {@code /v3/api-docs},
 * so a new endpoint without a row in {@link EndpointRoles} fails here.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointRoleMatrixTests {

	/** Bodies a caller without the role might send to learn the rules. */
	static final List<String> BODIES = List.of("{}", "{\"name\":\"\",\"minutes\":-1,\"idNumber\":\"x\"}", "{not json");

	@Autowired
	Api api;

	EndpointRoles.Tokens tokens;

	@BeforeAll
	void callers() {
		this.tokens = EndpointRoles.Tokens.create(this.api);
	}

	@Test
	void everyOperationOfTheDocumentHasARowAndEveryRowAnOperation() {
		List<String> documented = EndpointRoles.operations(this.api.get("/v3/api-docs").body());
		assertThat(documented).as("operations without a row in EndpointRoles.MATRIX")
			.allMatch(EndpointRoles.MATRIX::containsKey);
		assertThat(EndpointRoles.MATRIX.keySet()).as("rows for operations that do not exist")
			.allMatch(documented::contains);
	}

	@Test
	void aCallerWithoutTheRoleIsRefusedBeforeTheBodyIsRead() {
		List<String> wrong = new ArrayList<>();
		int checked = 0;
		tools.jackson.databind.JsonNode document = this.api.get("/v3/api-docs").body();
		for (Map.Entry<String, Role> row : EndpointRoles.MATRIX.entrySet()) {
			String method = row.getKey().substring(0, row.getKey().indexOf(' '));
			String template = row.getKey().substring(row.getKey().indexOf(' ') + 1);
			String path = EndpointRoles.fill(template);
			// The kind of body the operation takes (else routing answers 415 first).
			String contentType = document.path("paths")
				.path(template)
				.path(method.toLowerCase())
				.path("requestBody")
				.path("content")
				.propertyNames()
				.stream()
				.findFirst()
				.orElse("application/json");
			if (contentType.startsWith("multipart/")) {
				contentType = "multipart/form-data; boundary=matrix";
			}
			for (Caller caller : Caller.values()) {
				if (EndpointRoles.holds(caller, row.getValue())) {
					continue;
				}
				String expected = (caller == Caller.ANONYMOUS) ? "UNAUTHENTICATED" : "FORBIDDEN";
				for (String body : BODIES) {
					Api.Response response = this.api.send(method, path, body, this.tokens.of(caller),
							Map.of("Content-Type", contentType));
					checked++;
					if (!expected.equals(response.code())) {
						wrong.add(caller + " " + row.getKey() + " " + body + " → " + response);
					}
				}
			}
		}
		assertThat(checked).isGreaterThan(250);
		assertThat(wrong).isEmpty();
	}

	@Test
	void aCallerWithTheRoleIsNeverToldToSignInOrThatTheRoleIsMissing() {
		List<String> wrong = new ArrayList<>();
		for (Map.Entry<String, Role> row : EndpointRoles.MATRIX.entrySet()) {
			if (row.getKey().equals("DELETE /api/v1/auth/token")) {
				continue; // would sign the caller out for the rest of the test
			}
			String method = row.getKey().substring(0, row.getKey().indexOf(' '));
			String path = EndpointRoles.fill(row.getKey().substring(row.getKey().indexOf(' ') + 1));
			for (Caller caller : List.of(Caller.VOLUNTEER, Caller.ADMIN, Caller.STAFF)) {
				if (!EndpointRoles.holds(caller, row.getValue())) {
					continue;
				}
				Api.Response response = this.api.send(method, path, "{}", this.tokens.of(caller),
						Map.of("Content-Type", "application/json"));
				if (response.status() == 401 || (row.getValue() != Role.SIGNED_IN && row.getValue() != Role.PUBLIC
						&& response.status() == 403 && row.getValue() == Role.STAFF)) {
					wrong.add(caller + " " + row.getKey() + " → " + response);
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

}
