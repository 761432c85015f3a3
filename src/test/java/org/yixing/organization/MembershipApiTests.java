package org.yixing.organization;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.identity.AccountId;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Organizations;
import org.yixing.test.Race;
import org.yixing.test.Volunteers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES §4: joining, leaving and administering organizations. */
@ApiTest
class MembershipApiTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrganizationDirectory directory;

	Organizations organizations;

	Volunteers volunteers;

	@BeforeEach
	void helpers() {
		this.organizations = new Organizations(this.api);
		this.volunteers = new Volunteers(this.api);
	}

	@Test
	void aVolunteerAppliesAndAnAdminApproves() {
		String college = this.organizations.createTopLevel("申请学院-" + UUID.randomUUID());
		Volunteers.Registered admin = this.volunteers.register();
		this.organizations.makeAdmin(college, admin.id());
		Volunteers.Registered volunteer = this.volunteers.register();

		Api.Response applied = this.api.post("/organizations/" + college + "/membership-requests",
				Map.of("message", "我想参加志愿服务"), volunteer.token());
		assertThat(applied.status()).isEqualTo(201);
		assertThat(applied.field("status")).isEqualTo("PENDING");
		String requestId = applied.field("id");
		Api.Response again = this.api.post("/organizations/" + college + "/membership-requests", null,
				volunteer.token());
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("REQUEST_PENDING");

		JsonNode pending = this.api
			.get("/organizations/" + college + "/membership-requests?status=PENDING", admin.token())
			.body();
		assertThat(pending).hasSize(1);
		assertThat(pending.get(0).path("message").asString()).isEqualTo("我想参加志愿服务");
		assertThat(pending.get(0).path("idNumberMasked").asString()).contains("**********");
		// the filter is one of the statuses, not any text
		Api.Response unknown = this.api.get("/organizations/" + college + "/membership-requests?status=WAITING",
				admin.token());
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.code()).isEqualTo("VALIDATION_FAILED");

		Api.Response approved = this.api.post("/membership-requests/" + requestId + "/approve", null, admin.token());
		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.field("status")).isEqualTo("APPROVED");
		JsonNode mine = this.api.get("/me/organizations", volunteer.token()).body();
		assertThat(mine).hasSize(1);
		assertThat(mine.get(0).path("id").asString()).isEqualTo(college);
		assertThat(mine.get(0).path("role").asString()).isEqualTo("MEMBER");
		Api.Response member = this.api.post("/organizations/" + college + "/membership-requests", null,
				volunteer.token());
		assertThat(member.code()).isEqualTo("ALREADY_MEMBER");
		assertThat(this.api.get("/me/membership-requests", volunteer.token()).body().get(0).path("status").asString())
			.isEqualTo("APPROVED");
	}

	@Test
	void aRejectionSaysWhyAndAllowsANewRequest() {
		String college = this.organizations.createTopLevel("拒绝学院");
		Volunteers.Registered volunteer = this.volunteers.register();
		String requestId = this.organizations.apply(college, volunteer.token());
		String staff = this.organizations.staffToken();
		assertThat(this.api.post("/membership-requests/" + requestId + "/reject", Map.of(), staff).code())
			.isEqualTo("VALIDATION_FAILED");
		Api.Response rejected = this.api.post("/membership-requests/" + requestId + "/reject",
				Map.of("reason", "仅限本院学生"), staff);
		assertThat(rejected.field("status")).isEqualTo("REJECTED");
		assertThat(rejected.field("reason")).isEqualTo("仅限本院学生");
		assertThat(this.api.post("/membership-requests/" + requestId + "/approve", null, staff).code())
			.isEqualTo("ALREADY_DECIDED");
		assertThat(this.organizations.apply(college, volunteer.token())).isNotEqualTo(requestId);
	}

	@Test
	void anAdminOfAnAncestorDecidesRequestsBelow() {
		String staff = this.organizations.staffToken();
		String university = this.organizations.createTopLevel("祖先大学");
		String college = this.organizations.create(staff, university, "后代学院", "420111", "LISTED");
		String team = this.organizations.create(staff, college, "后代小队", "420111", "LISTED");
		Volunteers.Registered universityAdmin = this.volunteers.register();
		Volunteers.Registered teamAdmin = this.volunteers.register();
		this.organizations.makeAdmin(university, universityAdmin.id());
		this.organizations.makeAdmin(team, teamAdmin.id());
		Volunteers.Registered volunteer = this.volunteers.register();
		String toTeam = this.organizations.apply(team, volunteer.token());
		String toCollege = this.organizations.apply(college, volunteer.token());
		assertThat(this.api.post("/membership-requests/" + toTeam + "/approve", null, universityAdmin.token()).status())
			.isEqualTo(200);
		assertThat(this.api.post("/membership-requests/" + toCollege + "/approve", null, teamAdmin.token()).status())
			.isEqualTo(403);
	}

	@Test
	void approvingOneRequestTwiceAtOnceMakesOneMembership() {
		String college = this.organizations.createTopLevel("并发学院");
		String staff = this.organizations.staffToken();
		for (int round = 0; round < 5; round++) {
			Volunteers.Registered volunteer = this.volunteers.register();
			String requestId = this.organizations.apply(college, volunteer.token());
			List<Api.Response> results = Race.of(3,
					(i) -> this.api.post("/membership-requests/" + requestId + "/approve", null, staff));
			assertThat(results).filteredOn((r) -> r.status() == 200).hasSize(1);
			assertThat(results).filteredOn((r) -> r.status() == 409)
				.hasSize(2)
				.allSatisfy((r) -> assertThat(r.code()).isEqualTo("ALREADY_DECIDED"));
			assertThat(this.jdbc.sql("SELECT count(*) FROM memberships WHERE account_id = ?::uuid")
				.param(volunteer.id())
				.query(Long.class)
				.single()).isEqualTo(1);
		}
	}

	@Test
	void adminsAddByIdNumberAndRemoveAndVolunteersLeave() {
		String college = this.organizations.createTopLevel("直接添加学院");
		String staff = this.organizations.staffToken();
		Volunteers.Registered volunteer = this.volunteers.register();
		String pending = this.organizations.apply(college, volunteer.token());
		Api.Response added = this.api.post("/organizations/" + college + "/members",
				Map.of("idNumber", volunteer.idNumber().toLowerCase()), staff);
		assertThat(added.status()).isEqualTo(201);
		assertThat(added.field("accountId")).isEqualTo(volunteer.id());
		assertThat(added.field("role")).isEqualTo("MEMBER");
		assertThat(this.api.get("/me/membership-requests", volunteer.token()).body().get(0).path("id").asString())
			.isEqualTo(pending);
		assertThat(this.api.get("/me/membership-requests", volunteer.token()).body().get(0).path("status").asString())
			.isEqualTo("APPROVED");
		Api.Response twice = this.api.post("/organizations/" + college + "/members",
				Map.of("idNumber", volunteer.idNumber()), staff);
		assertThat(twice.code()).isEqualTo("ALREADY_MEMBER");
		assertThat(this.api.post("/organizations/" + college + "/members", Map.of("idNumber", "123"), staff).code())
			.isEqualTo("INVALID_ID_NUMBER");

		assertThat(
				this.api.delete("/organizations/" + college + "/members/" + volunteer.id(), volunteer.token()).status())
			.isEqualTo(204);
		assertThat(this.api.get("/me/organizations", volunteer.token()).body()).isEmpty();
		this.organizations.addMember(college, volunteer.idNumber());
		assertThat(this.api.delete("/organizations/" + college + "/members/" + volunteer.id(), staff).status())
			.isEqualTo(204);
		assertThat(this.api.delete("/organizations/" + college + "/members/" + volunteer.id(), staff).status())
			.isEqualTo(404);
	}

	@Test
	void adminsAreGrantedAndRevokedAndStayMembers() {
		String college = this.organizations.createTopLevel("管理员学院");
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.makeAdmin(college, volunteer.id());
		assertThat(this.api.get("/me/organizations", volunteer.token()).body().get(0).path("role").asString())
			.isEqualTo("ADMIN");
		assertThat(this.api
			.delete("/organizations/" + college + "/admins/" + volunteer.id(), this.organizations.staffToken())
			.status()).isEqualTo(204);
		assertThat(this.api.get("/me/organizations", volunteer.token()).body().get(0).path("role").asString())
			.isEqualTo("MEMBER");
		assertThat(this.api.get("/organizations/" + college + "/membership-requests", volunteer.token()).status())
			.isEqualTo(403);
	}

	@Test
	void membersOfAnOrganizationBelowCountAsMembersAbove() {
		String staff = this.organizations.staffToken();
		String university = this.organizations.createTopLevel("成员大学");
		String college = this.organizations.create(staff, university, "成员学院", "420111", "LISTED");
		String sibling = this.organizations.create(staff, university, "兄弟学院", "420111", "LISTED");
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(college, volunteer.idNumber());
		AccountId account = AccountId.parse(volunteer.id());
		assertThat(this.directory.isMemberOfOrBelow(account, id(university))).isTrue();
		assertThat(this.directory.isMemberOfOrBelow(account, id(college))).isTrue();
		assertThat(this.directory.isMemberOfOrBelow(account, id(sibling))).isFalse();
	}

	@Test
	void noticesForAnOrganizationWithoutAdminsGoToTheNearestAdminsAbove() {
		String staff = this.organizations.staffToken();
		String university = this.organizations.createTopLevel("通知大学-" + UUID.randomUUID());
		String college = this.organizations.create(staff, university, "通知学院", "420111", "LISTED");
		String team = this.organizations.create(staff, college, "通知小队", "420111", "LISTED");
		String club = this.organizations.create(staff, team, "通知社团", "420111", "LISTED");
		Volunteers.Registered first = this.volunteers.register();
		Volunteers.Registered second = this.volunteers.register();
		Volunteers.Registered teamAdmin = this.volunteers.register();
		this.organizations.makeAdmin(university, first.id());
		this.organizations.makeAdmin(university, second.id());
		assertThat(this.directory.adminsOf(id(club))).as("nobody below the university administers")
			.containsExactly(AccountId.parse(first.id()), AccountId.parse(second.id()));
		this.organizations.makeAdmin(team, teamAdmin.id());
		assertThat(this.directory.adminsOf(id(club))).as("the team is nearer than the university")
			.containsExactly(AccountId.parse(teamAdmin.id()));
		assertThat(this.directory.adminsOf(id(college))).containsExactly(AccountId.parse(first.id()),
				AccountId.parse(second.id()));
		String alone = this.organizations.createTopLevel("无人管理-" + UUID.randomUUID());
		assertThat(this.directory.adminsOf(id(alone))).isEmpty();
	}

	private static OrganizationId id(String value) {
		return new OrganizationId(UUID.fromString(value));
	}

}
