package org.yixing.organization;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES §4: the organization tree, who may shape it, and who sees hidden parts. */
@ApiTest
class OrganizationApiTests {

	@Autowired
	Api api;

	Organizations organizations;

	Volunteers volunteers;

	@BeforeEach
	void helpers() {
		this.organizations = new Organizations(this.api);
		this.volunteers = new Volunteers(this.api);
	}

	@Test
	void staffCreateTopLevelOrganizationsAndAdminsOfAParentCreateChildren() {
		String university = this.organizations.createTopLevel("武汉测试大学");
		Volunteers.Registered admin = this.volunteers.register();
		this.organizations.makeAdmin(university, admin.id());
		Api.Response college = this.api.post("/organizations",
				Map.of("name", "会计学院志愿者协会", "regionCode", "420111", "parentId", university, "visibility", "LISTED"),
				admin.token());
		assertThat(college.status()).isEqualTo(201);
		assertThat(college.field("parentId")).isEqualTo(university);
		assertThat(college.field("visibility")).isEqualTo("LISTED");
		assertThat(college.field("regionName")).isEqualTo("洪山区");
		assertThat(college.body().path("path").toString()).contains("武汉测试大学").contains("会计学院志愿者协会");
		Api.Response topLevelByAdmin = this.api.post("/organizations",
				Map.of("name", "另一所大学", "regionCode", "420111", "visibility", "LISTED"), admin.token());
		assertThat(topLevelByAdmin.status()).isEqualTo(403);
		assertThat(topLevelByAdmin.code()).isEqualTo("FORBIDDEN");
	}

	@Test
	void badInputIsRefusedWithItsCode() {
		String staff = this.organizations.staffToken();
		assertThat(this.api.post("/organizations", Map.of("name", "区域错误", "regionCode", "999999"), staff).code())
			.isEqualTo("INVALID_REGION");
		Api.Response missing = this.api.post("/organizations", Map.of("regionCode", "420111"), staff);
		assertThat(missing.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(missing.body().path("errors").has("name")).isTrue();
		this.organizations.createTopLevel("同名大学");
		Api.Response twin = this.api.post("/organizations", Map.of("name", "同名大学", "regionCode", "420111"), staff);
		assertThat(twin.status()).isEqualTo(409);
		assertThat(twin.code()).isEqualTo("NAME_TAKEN");
		assertThat(this.api.get("/organizations/not-a-uuid").status()).isEqualTo(404);
		assertThat(this.api.get("/organizations/00000000-0000-0000-0000-000000000001").code()).isEqualTo("NOT_FOUND");
	}

	@Test
	void hiddenOrganizationsAreSeenOnlyByTheirMembersAndAdmins() {
		String university = this.organizations.createTopLevel("隐藏测试大学");
		String hidden = this.organizations.create(this.organizations.staffToken(), university, "内部骨干队", "420111",
				"HIDDEN");
		Volunteers.Registered member = this.volunteers.register();
		Volunteers.Registered outsider = this.volunteers.register();
		Volunteers.Registered universityAdmin = this.volunteers.register();
		this.organizations.addMember(hidden, member.idNumber());
		this.organizations.makeAdmin(university, universityAdmin.id());
		assertThat(this.api.get("/organizations/" + hidden, member.token()).status()).isEqualTo(200);
		assertThat(this.api.get("/organizations/" + hidden, universityAdmin.token()).status()).isEqualTo(200);
		assertThat(this.api.get("/organizations/" + hidden, outsider.token()).status()).isEqualTo(404);
		assertThat(this.api.get("/organizations/" + hidden).status()).isEqualTo(404);
		assertThat(this.api.get("/organizations/" + university, outsider.token()).body().path("children").toString())
			.doesNotContain("内部骨干队");
		assertThat(this.api.get("/organizations/" + university, member.token()).body().path("children").toString())
			.contains("内部骨干队");
		assertThat(this.api.get("/me/organizations", member.token()).body().toString()).contains("内部骨干队");
	}

	@Test
	void adminsRenameAndEditWithinTheirScope() {
		String university = this.organizations.createTopLevel("改名大学");
		String college = this.organizations.create(this.organizations.staffToken(), university, "旧名称", "420111",
				"LISTED");
		Volunteers.Registered admin = this.volunteers.register();
		this.organizations.makeAdmin(college, admin.id());
		Api.Response renamed = this.api.send("PATCH", "/organizations/" + college,
				Map.of("name", "新名称", "description", "简介", "contact", "027-88888888"), admin.token(), Map.of());
		assertThat(renamed.status()).isEqualTo(200);
		assertThat(renamed.field("name")).isEqualTo("新名称");
		assertThat(renamed.field("contact")).isEqualTo("027-88888888");
		assertThat(renamed.field("regionCode")).isEqualTo("420111");
		Api.Response parent = this.api.send("PATCH", "/organizations/" + university, Map.of("name", "越权"),
				admin.token(), Map.of());
		assertThat(parent.status()).isEqualTo(403);
	}

	@Test
	void movingTakesTheSubtreeAlongAndNeverBelowItself() {
		String staff = this.organizations.staffToken();
		String university = this.organizations.createTopLevel("搬迁大学");
		String a = this.organizations.create(staff, university, "甲协会", "420111", "LISTED");
		String b = this.organizations.create(staff, university, "乙协会", "420111", "LISTED");
		String team = this.organizations.create(staff, a, "甲协会一队", "420111", "LISTED");
		Volunteers.Registered teamMember = this.volunteers.register();
		this.organizations.addMember(team, teamMember.idNumber());
		Volunteers.Registered adminOfB = this.volunteers.register();
		this.organizations.makeAdmin(b, adminOfB.id());

		Api.Response cycle = this.api.post("/organizations/" + a + "/move", Map.of("parentId", team), staff);
		assertThat(cycle.status()).isEqualTo(409);
		assertThat(cycle.code()).isEqualTo("INVALID_MOVE");
		Api.Response moved = this.api.post("/organizations/" + a + "/move", Map.of("parentId", b), staff);
		assertThat(moved.status()).isEqualTo(200);
		assertThat(moved.field("parentId")).isEqualTo(b);
		// The team came along: B's admin now administers it, and its member counts as
		// B's.
		assertThat(this.api.get("/organizations/" + team + "/members", adminOfB.token()).status()).isEqualTo(200);
		assertThat(this.api.get("/organizations/" + team, teamMember.token()).body().path("path").toString())
			.contains("乙协会");
	}

	@Test
	void archivedOrganizationsLeaveSearchButKeepTheirHistory() {
		String university = this.organizations.createTopLevel("归档大学");
		Volunteers.Registered member = this.volunteers.register();
		this.organizations.addMember(university, member.idNumber());
		assertThat(this.api.delete("/organizations/" + university, this.organizations.staffToken()).status())
			.isEqualTo(204);
		assertThat(this.api.get("/organizations?q=归档大学").body().path("total").asInt()).isZero();
		Api.Response view = this.api.get("/organizations/" + university, member.token());
		assertThat(view.body().path("archived").asBoolean()).isTrue();
		Volunteers.Registered late = this.volunteers.register();
		assertThat(
				this.api.post("/organizations/" + university + "/membership-requests", Map.of(), late.token()).code())
			.isEqualTo("ORGANIZATION_ARCHIVED");
	}

}
