package org.yixing.organization;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every organization endpoint × every kind of caller → the expected status, from the one
 * table below. The organization under test is X, a college below university U, with a
 * sibling S and a hidden team H below X.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationAuthorizationMatrixTests {

	enum Caller {

		ANONYMOUS, VOLUNTEER, MEMBER, ADMIN, PARENT_ADMIN, SIBLING_ADMIN, STAFF

	}

	/**
	 * Columns: anonymous, volunteer, member of X, admin of X, admin of U, admin of S,
	 * staff.
	 */
	static final List<Row> MATRIX = List.of(
			row("create a child of X", 401, 403, 403, 201, 201, 403, 201, (f, token) -> f.api.post("/organizations",
					Map.of("name", "子组织-" + UUID.randomUUID(), "regionCode", "420111", "parentId", f.x), token)),
			row("create a top-level organization", 401, 403, 403, 403, 403, 403, 201,
					(f, token) -> f.api.post("/organizations",
							Map.of("name", "顶级-" + UUID.randomUUID(), "regionCode", "420111"), token)),
			row("search", 200, 200, 200, 200, 200, 200, 200,
					(f, token) -> f.api.get("/organizations?regionCode=420100&q=矩阵", token)),
			row("read X", 200, 200, 200, 200, 200, 200, 200, (f, token) -> f.api.get("/organizations/" + f.x, token)),
			row("read hidden H below X", 404, 404, 404, 200, 200, 404, 200,
					(f, token) -> f.api.get("/organizations/" + f.hidden, token)),
			row("edit X", 401, 403, 403, 200, 200, 403, 200,
					(f, token) -> f.api.send("PATCH", "/organizations/" + f.x, Map.of("description", "更新"), token,
							Map.of())),
			row("archive a team below X", 401, 403, 403, 204, 204, 403, 204,
					(f, token) -> f.api.delete("/organizations/" + f.newTeam(), token)),
			row("apply to X", 401, 201, 409, 409, 201, 201, 201,
					(f, token) -> f.api.post("/organizations/" + f.x + "/membership-requests", Map.of(), token)),
			row("list X's requests", 401, 403, 403, 200, 200, 403, 200,
					(f, token) -> f.api.get("/organizations/" + f.x + "/membership-requests", token)),
			row("approve a request to X", 401, 403, 403, 200, 200, 403, 200,
					(f, token) -> f.api.post("/membership-requests/" + f.newRequest() + "/approve", null, token)),
			row("reject a request to X", 401, 403, 403, 200, 200, 403, 200,
					(f, token) -> f.api.post("/membership-requests/" + f.newRequest() + "/reject",
							Map.of("reason", "不符合条件"), token)),
			row("list X's members", 401, 403, 403, 200, 200, 403, 200,
					(f, token) -> f.api.get("/organizations/" + f.x + "/members", token)),
			row("add a member to X", 401, 403, 403, 201, 201, 403, 201,
					(f, token) -> f.api.post("/organizations/" + f.x + "/members",
							Map.of("idNumber", f.volunteers.register().idNumber()), token)),
			row("remove a member of X", 401, 403, 403, 204, 204, 403, 204,
					(f, token) -> f.api.delete("/organizations/" + f.x + "/members/" + f.newMember(), token)),
			row("make someone admin of X", 401, 403, 403, 204, 204, 403, 204,
					(f, token) -> f.api.put("/organizations/" + f.x + "/admins/" + f.volunteers.register().id(), null,
							token)),
			row("revoke an admin of X", 401, 403, 403, 204, 204, 403, 204,
					(f, token) -> f.api.delete("/organizations/" + f.x + "/admins/" + f.newAdmin(), token)),
			row("list my organizations", 401, 200, 200, 200, 200, 200, 200,
					(f, token) -> f.api.get("/me/organizations", token)));

	@Autowired
	Api api;

	Volunteers volunteers;

	Organizations organizations;

	String x;

	String hidden;

	final Map<Caller, String> tokens = new EnumMap<>(Caller.class);

	@BeforeAll
	void tree() {
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		String staff = this.organizations.staffToken();
		String university = this.organizations.create(staff, null, "矩阵大学", "420111", "LISTED");
		this.x = this.organizations.create(staff, university, "矩阵学院", "420111", "LISTED");
		String sibling = this.organizations.create(staff, university, "矩阵兄弟学院", "420111", "LISTED");
		this.hidden = this.organizations.create(staff, this.x, "矩阵隐藏小队", "420111", "HIDDEN");
		Volunteers.Registered member = this.volunteers.register();
		this.organizations.addMember(this.x, member.idNumber());
		this.tokens.put(Caller.VOLUNTEER, this.volunteers.register().token());
		this.tokens.put(Caller.MEMBER, member.token());
		this.tokens.put(Caller.ADMIN, adminOf(this.x));
		this.tokens.put(Caller.PARENT_ADMIN, adminOf(university));
		this.tokens.put(Caller.SIBLING_ADMIN, adminOf(sibling));
		this.tokens.put(Caller.STAFF, staff);
	}

	static Stream<Arguments> matrix() {
		return MATRIX.stream()
			.flatMap((row) -> Arrays.stream(Caller.values())
				.map((caller) -> Arguments.of(row.action(), caller, row.expected().get(caller))));
	}

	@ParameterizedTest(name = "{0} as {1} → {2}")
	@MethodSource("matrix")
	void eachCallerGetsTheExpectedStatus(String action, Caller caller, int expected) {
		Row row = MATRIX.stream().filter((r) -> r.action().equals(action)).findFirst().orElseThrow();
		Api.Response response = row.call().apply(this, this.tokens.get(caller));
		assertThat(response.status()).as(response.toString()).isEqualTo(expected);
		if (expected == 403) {
			assertThat(response.code()).isEqualTo("FORBIDDEN");
		}
		if (expected == 401) {
			assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
		}
	}

	String newTeam() {
		return this.organizations.create(this.organizations.staffToken(), this.x, "小队-" + UUID.randomUUID(), "420111",
				"LISTED");
	}

	String newRequest() {
		return this.organizations.apply(this.x, this.volunteers.register().token());
	}

	String newMember() {
		Volunteers.Registered member = this.volunteers.register();
		this.organizations.addMember(this.x, member.idNumber());
		return member.id();
	}

	String newAdmin() {
		String id = this.volunteers.register().id();
		this.organizations.makeAdmin(this.x, id);
		return id;
	}

	private String adminOf(String organization) {
		Volunteers.Registered admin = this.volunteers.register();
		this.organizations.makeAdmin(organization, admin.id());
		return admin.token();
	}

	private static Row row(String action, int anonymous, int volunteer, int member, int admin, int parentAdmin,
			int siblingAdmin, int staff,
			BiFunction<OrganizationAuthorizationMatrixTests, @Nullable String, Api.Response> call) {
		Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
		int[] statuses = { anonymous, volunteer, member, admin, parentAdmin, siblingAdmin, staff };
		for (Caller caller : Caller.values()) {
			expected.put(caller, statuses[caller.ordinal()]);
		}
		return new Row(action, expected, call);
	}

	record Row(String action, Map<Caller, Integer> expected,
			BiFunction<OrganizationAuthorizationMatrixTests, @Nullable String, Api.Response> call) {
	}

}
