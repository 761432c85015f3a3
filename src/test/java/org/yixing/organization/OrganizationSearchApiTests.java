package org.yixing.organization;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Organizations;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES §4 / docs/API.md: search by region and name keyword. */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationSearchApiTests {

	@Autowired
	Api api;

	@BeforeAll
	void someOrganizations() {
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String zuel = organizations.create(staff, null, "中南财经政法大学", "420111", "LISTED");
		organizations.create(staff, zuel, "会计学院志愿者协会", "420111", "LISTED");
		organizations.create(staff, zuel, "金融学院志愿者协会", "420111", "LISTED");
		organizations.create(staff, zuel, "会计学院秘密小组", "420111", "HIDDEN");
		organizations.create(staff, null, "武汉大学", "420106", "LISTED");
		organizations.create(staff, null, "会计", "420102", "LISTED");
		organizations.create(staff, null, "会计师事务所志愿队", "420102", "LISTED");
		organizations.create(staff, null, "华中科技大学", "420111", "LISTED");
		organizations.create(staff, null, "黄石理工学院", "420200", "LISTED");
		organizations.create(staff, null, "北京大学", "110108", "LISTED");
	}

	@Test
	void aKeywordMatchesAnyPartOfTheNameExactMatchesFirst() {
		List<String> names = names(this.api.get("/organizations?q=会计"));
		assertThat(names).containsExactly("会计", "会计师事务所志愿队", "会计学院志愿者协会");
	}

	@Test
	void hiddenOrganizationsNeverAppear() {
		assertThat(names(this.api.get("/organizations?q=秘密"))).isEmpty();
		assertThat(names(this.api.get("/organizations?size=100"))).doesNotContain("会计学院秘密小组");
	}

	@Test
	void aCityCodeMatchesTheCityAndItsDistricts() {
		List<String> wuhan = names(this.api.get("/organizations?regionCode=420100&size=100"));
		assertThat(wuhan).contains("中南财经政法大学", "武汉大学", "会计", "华中科技大学").doesNotContain("黄石理工学院", "北京大学");
		assertThat(names(this.api.get("/organizations?regionCode=420000&size=100"))).contains("黄石理工学院", "武汉大学")
			.doesNotContain("北京大学");
		assertThat(names(this.api.get("/organizations?regionCode=420106"))).containsExactly("武汉大学");
		assertThat(names(this.api.get("/organizations?regionCode=420100&q=会计"))).containsExactly("会计", "会计师事务所志愿队",
				"会计学院志愿者协会");
	}

	@Test
	void resultsArePagedWithTheTotal() {
		Api.Response first = this.api.get("/organizations?regionCode=420100&page=0&size=2");
		Api.Response second = this.api.get("/organizations?regionCode=420100&page=1&size=2");
		assertThat(first.body().path("total").asInt()).isEqualTo(7);
		assertThat(first.body().path("items")).hasSize(2);
		assertThat(second.body().path("items")).hasSize(2);
		assertThat(names(first)).doesNotContainAnyElementsOf(names(second));
		JsonNode item = first.body().path("items").get(0);
		assertThat(item.has("id")).isTrue();
		assertThat(item.has("name")).isTrue();
		assertThat(item.has("regionCode")).isTrue();
		assertThat(item.has("parentId")).isTrue();
	}

	@Test
	void pagingIsKeptWithinItsBoundsAndSaysWhatItUsed() {
		Api.Response clamped = this.api.get("/organizations?page=-3&size=1000");
		assertThat(clamped.body().path("page").asInt()).isZero();
		assertThat(clamped.body().path("size").asInt()).isEqualTo(100);
		assertThat(this.api.get("/organizations?size=0").body().path("size").asInt()).isEqualTo(1);
		assertThat(this.api.get("/organizations?size=0").body().path("items")).hasSize(1);
	}

	@Test
	void wildcardsInTheKeywordAreTakenLiterally() {
		assertThat(names(this.api.get("/organizations?q=%25"))).isEmpty();
		assertThat(names(this.api.get("/organizations?q=_"))).isEmpty();
	}

	@Test
	void anUnknownRegionIsRefused() {
		assertThat(this.api.get("/organizations?regionCode=999999").code()).isEqualTo("INVALID_REGION");
	}

	private static List<String> names(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body().path("items").valueStream().map((item) -> item.path("name").asString()).toList();
	}

}
