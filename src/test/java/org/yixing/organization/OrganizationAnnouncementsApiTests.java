package org.yixing.organization;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Inbox;
import org.yixing.test.Organizations;
import org.yixing.test.Race;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 组织公告 (RULES §4): an organization's admins tell the members of it and of every
 * organization below it, by a notice once each and on the organization's page; at most
 * three a day.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationAnnouncementsApiTests {

	@Autowired
	Api api;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Value("${local.server.port}")
	int port;

	Organizations organizations;

	Volunteers volunteers;

	String university;

	String college;

	Volunteers.Registered universityAdmin;

	Volunteers.Registered collegeAdmin;

	Volunteers.Registered universityMember;

	Volunteers.Registered collegeMember;

	Volunteers.Registered bystander;

	@BeforeAll
	void aUniversityWithACollege() {
		this.organizations = new Organizations(this.api);
		this.volunteers = new Volunteers(this.api);
		this.university = this.organizations.createTopLevel("公告大学" + System.nanoTime() % 100_000);
		this.college = this.organizations.create(this.organizations.staffToken(), this.university, "公告学院", "420111",
				"LISTED");
		this.universityAdmin = admin(this.university);
		this.collegeAdmin = admin(this.college);
		this.universityMember = member(this.university);
		this.collegeMember = member(this.college);
		this.bystander = this.volunteers.register();
	}

	@Test
	void anAnnouncementReachesTheMembersOfTheOrganizationAndBelowOnceEach() {
		aUniversityWithACollege();
		new Attendance(this.api).fixClock("2027-03-01T09:00:00+08:00");
		Api.Response sent = this.api.post("/organizations/" + this.university + "/announcements",
				Map.of("text", "  本周六下午两点，图书馆报告厅\n集体培训  "), token(this.universityAdmin));
		assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
		assertThat(sent.field("text")).isEqualTo("本周六下午两点，图书馆报告厅\n集体培训");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(notices(this.universityMember)).singleElement()
				.satisfies((n) -> assertThat(n.path("text").asString()).contains("「公告大学").contains("集体培训"));
			assertThat(notices(this.collegeMember)).as("below it too").hasSize(1);
		});
		assertThat(notices(this.bystander)).isEmpty();

		// Redelivered (a node stopped before the publication was marked complete).
		this.transactions.executeWithoutResult(
				(status) -> this.events.publishEvent(new OrganizationAnnouncementSent(UUID.fromString(sent.field("id")),
						new OrganizationId(UUID.fromString(this.university)), "公告大学", sent.field("text"),
						Instant.parse("2027-03-01T01:00:00Z"))));
		Api.Response college = this.api.post("/organizations/" + this.college + "/announcements",
				Map.of("text", "学院例会改到周五"), token(this.collegeAdmin));
		assertThat(college.status()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(notices(this.collegeMember)).hasSize(2));
		assertThat(notices(this.universityMember)).as("told once, and not of the college's").hasSize(1);

		JsonNode listed = this.api
			.get("/organizations/" + this.university + "/announcements", token(this.collegeMember))
			.body();
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).path("text").asString()).contains("集体培训");
		assertThat(this.api.get("/organizations/" + this.university + "/announcements", token(this.universityAdmin))
			.status()).isEqualTo(200);
		assertThat(this.api.get("/organizations/" + this.university + "/announcements", token(this.bystander)).status())
			.isEqualTo(403);
		assertThat(this.api.get("/organizations/" + this.college + "/announcements", token(this.universityMember))
			.status()).as("a member above is not a member below").isEqualTo(403);
		assertThat(this.api
			.post("/organizations/" + this.university + "/announcements", Map.of("text", "越权"),
					token(this.collegeAdmin))
			.status()).as("a college's admin does not speak for the university").isEqualTo(403);

		WebSession phone = WebSession.signedIn(this.port, this.collegeMember.idNumber(), Volunteers.PASSWORD);
		assertThat(phone.get("/organizations/" + this.university).body()).contains("组织公告").contains("集体培训");
		WebSession other = WebSession.signedIn(this.port, this.bystander.idNumber(), Volunteers.PASSWORD);
		assertThat(other.get("/organizations/" + this.university).body()).doesNotContain("集体培训");
	}

	@Test
	void anAnnouncementIsOneToFiveHundredCharactersAndThreeADay() {
		aUniversityWithACollege();
		new Attendance(this.api).fixClock("2027-03-10T09:00:00+08:00");
		String path = "/organizations/" + this.college + "/announcements";
		for (String text : List.of("   ", "字".repeat(501))) {
			Api.Response refused = this.api.post(path, Map.of("text", text), token(this.collegeAdmin));
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
		}
		List<Api.Response> raced = Race.of(5,
				(i) -> this.api.post(path, Map.of("text", "通知" + i), token(this.collegeAdmin)));
		assertThat(raced).as(raced.toString()).filteredOn((r) -> r.status() == 201).hasSize(3);
		assertThat(raced).filteredOn((r) -> r.status() == 429)
			.hasSize(2)
			.allSatisfy((r) -> assertThat(r.body().path("explanation").asString()).isEqualTo("每个组织每天最多发布3条公告"));
		new Attendance(this.api).fixClock("2027-03-11T00:00:01+08:00");
		assertThat(this.api.post(path, Map.of("text", "新的一天"), token(this.collegeAdmin)).status())
			.as("the next Beijing day")
			.isEqualTo(201);
	}

	@Test
	void theConsolePostsAnAnnouncementAndKeepsARefusedText() {
		aUniversityWithACollege();
		new Attendance(this.api).fixClock("2027-03-20T09:00:00+08:00");
		WebSession console = WebSession.signedIn(this.port, this.collegeAdmin.idNumber(), Volunteers.PASSWORD);
		String page = "/admin/organizations/" + this.college;
		assertThat(console.get(page).body()).contains("id=\"announcements\"").contains("发布公告");
		WebSession.Page refused = console.post(page + "/announcements", Map.of("text", "长".repeat(501)));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("公告内容为1至500个字").contains("长".repeat(501));
		WebSession.Page posted = console.post(page + "/announcements", Map.of("text", "志愿者之家开放时间调整"));
		assertThat(posted.status()).isEqualTo(302);
		assertThat(posted.header("Location")).endsWith(page + "?announced#announcements");
		assertThat(console.get(page + "?announced").body()).contains("公告已发布").contains("志愿者之家开放时间调整");
	}

	private Volunteers.Registered admin(String organization) {
		Volunteers.Registered admin = this.volunteers.register();
		this.organizations.makeAdmin(organization, admin.id());
		return admin;
	}

	private Volunteers.Registered member(String organization) {
		Volunteers.Registered member = this.volunteers.register();
		this.organizations.addMember(organization, member.idNumber());
		return member;
	}

	/** The clock moves on by days: sign in again for each call. */
	private String token(Volunteers.Registered volunteer) {
		return this.volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
	}

	private List<JsonNode> notices(Volunteers.Registered volunteer) {
		return Inbox.notices(this.api, token(volunteer), "ORGANIZATION_ANNOUNCEMENT");
	}

}
