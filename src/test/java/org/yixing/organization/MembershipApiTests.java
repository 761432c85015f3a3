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

	/**
	 * 批量添加成员: a column of ID numbers pasted at the start of a term; each line is added,
	 * counted as a member already, or named with its reason; the same list again adds
	 * nobody twice.
	 */
	@Test
	void adminsAddAListOfIdNumbersAndEachLineIsAccountedFor() {
		String college = this.organizations.createTopLevel("批量学院-" + UUID.randomUUID());
		Volunteers.Registered admin = this.volunteers.register();
		this.organizations.makeAdmin(college, admin.id());
		Volunteers.Registered first = this.volunteers.register();
		Volunteers.Registered second = this.volunteers.register();
		Volunteers.Registered member = this.volunteers.register();
		this.organizations.addMember(college, member.idNumber());
		String unregistered = org.yixing.test.IdNumbers.random();
		java.util.List<String> lines = java.util.List.of(first.idNumber(), "", " " + second.idNumber().toLowerCase(),
				member.idNumber(), unregistered, "123", "4.20102E+17");
		Api.Response added = this.api.post("/organizations/" + college + "/members/batch", Map.of("idNumbers", lines),
				admin.token());
		assertThat(added.status()).as(added.toString()).isEqualTo(200);
		assertThat(added.body().path("added").asInt()).isEqualTo(2);
		assertThat(added.body().path("alreadyMembers").asInt()).isEqualTo(1);
		var errors = added.body().path("errors");
		assertThat(errors).hasSize(3);
		assertThat(errors.get(0).path("line").asInt()).isEqualTo(5);
		assertThat(errors.get(0).path("code").asString()).isEqualTo("NOT_FOUND");
		assertThat(errors.get(0).path("message").asString()).isEqualTo("没有这个身份证号的账号（须先注册，或由平台导入名册）");
		assertThat(errors.get(1).path("code").asString()).isEqualTo("INVALID_ID_NUMBER");
		assertThat(errors.get(1).path("message").asString()).isEqualTo("身份证号码格式不正确");
		assertThat(errors.get(2).path("message").asString()).startsWith("身份证号被表格存成了数字");
		for (Volunteers.Registered joined : java.util.List.of(first, second)) {
			assertThat(this.api.get("/me/organizations", joined.token()).body().toString()).contains(college);
		}
		Api.Response again = this.api.post("/organizations/" + college + "/members/batch", Map.of("idNumbers", lines),
				admin.token());
		assertThat(again.body().path("added").asInt()).isZero();
		assertThat(again.body().path("alreadyMembers").asInt()).isEqualTo(3);
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'MEMBER_ADDED' AND target_id = ?")
			.param(college)
			.query(Long.class)
			.single()).as("each addition audited once").isEqualTo(3);
	}

	@Test
	void aListIsRefusedWholeWhenTheCallerMayNotAddOrItIsTooLong() {
		String college = this.organizations.createTopLevel("批量拒绝学院-" + UUID.randomUUID());
		Volunteers.Registered volunteer = this.volunteers.register();
		assertThat(this.api
			.post("/organizations/" + college + "/members/batch",
					Map.of("idNumbers", java.util.List.of(volunteer.idNumber())), volunteer.token())
			.code()).isEqualTo("FORBIDDEN");
		java.util.List<String> tooMany = java.util.Collections.nCopies(MemberBatch.MAX_LINES + 1, volunteer.idNumber());
		Api.Response refused = this.api.post("/organizations/" + college + "/members/batch",
				Map.of("idNumbers", tooMany), this.organizations.staffToken());
		assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(refused.body().path("errors").has("idNumbers")).as(refused.toString()).isTrue();
		assertThat(this.api.get("/me/organizations", volunteer.token()).body()).isEmpty();
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
