package org.yixing.insurance;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Race;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES §9 and check 8 of RULES §6. */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsuranceApiTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@org.springframework.beans.factory.annotation.Value("${local.server.port}")
	int port;

	Organizations organizations;

	Volunteers volunteers;

	String staff;

	String college;

	@BeforeAll
	void setUp() {
		this.organizations = new Organizations(this.api);
		this.volunteers = new Volunteers(this.api);
		this.staff = this.organizations.staffToken();
		this.college = this.organizations.createTopLevel("保险学院");
	}

	@Test
	void staffPublishProductsAndVolunteersClaimOnePolicyEach() {
		String product = product(List.of());
		Volunteers.Registered volunteer = this.volunteers.register();
		Api.Response first = claim(product, volunteer);
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.field("policyNumber")).matches("YX-\\d{4}-\\d{6}");
		assertThat(first.field("coverageStart")).isEqualTo("2026-09-01");
		assertThat(first.field("coverageEnd")).isEqualTo("2027-08-31");
		Api.Response again = claim(product, volunteer);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.field("policyNumber")).isEqualTo(first.field("policyNumber"));
		Api.Response mine = this.api.get("/me/policies", volunteer.token());
		assertThat(mine.body()).hasSize(1);
		assertThat(mine.body().get(0).path("insurer").asString()).isEqualTo("中国人寿");
		assertThat(this.api.get("/insurance-products", volunteer.token()).body().toString()).contains(product);
	}

	@Test
	void onlyStaffPublish() {
		Volunteers.Registered volunteer = this.volunteers.register();
		assertThat(this.api.post("/admin/insurance-products", body(List.of()), volunteer.token()).code())
			.isEqualTo("FORBIDDEN");
		Map<String, Object> backwards = new java.util.HashMap<>(body(List.of()));
		backwards.put("coverageEnd", "2026-01-01");
		assertThat(this.api.post("/admin/insurance-products", backwards, this.staff).code())
			.isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void twentyClicksAtOnceMakeOnePolicy() {
		String product = product(List.of());
		Volunteers.Registered volunteer = this.volunteers.register();
		List<Api.Response> results = Race.of(20, (i) -> claim(product, volunteer));
		assertThat(results).filteredOn((r) -> r.status() == 201).hasSize(1);
		assertThat(results).filteredOn((r) -> r.status() == 200).hasSize(19);
		assertThat(results.stream().map((r) -> r.field("policyNumber")).distinct()).hasSize(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM insurance_policies WHERE account_id = ?::uuid")
			.param(volunteer.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void productsForAnOrganizationAreForItsMembers() {
		String product = product(List.of(this.college));
		Volunteers.Registered outsider = this.volunteers.register();
		Volunteers.Registered member = this.volunteers.register();
		this.organizations.addMember(this.college, member.idNumber());
		assertThat(claim(product, outsider).code()).isEqualTo("NOT_ORGANIZATION_MEMBER");
		assertThat(this.api.get("/insurance-products", outsider.token()).body().toString()).doesNotContain(product);
		assertThat(claim(product, member).status()).isEqualTo(201);
	}

	@Test
	void anActivityThatRequiresInsuranceAdmitsOnlyTheInsured() {
		Attendance attendance = new Attendance(this.api);
		String code = attendance
			.publish(this.college, this.staff, "2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00",
					Map.of("membersOnly", false, "requiresInsurance", true))
			.field("checkInCode");
		attendance.fixClock("2026-11-25T10:05:00+08:00");
		Volunteers.Registered volunteer = this.volunteers.register();
		Api.Response uninsured = attendance.checkIn(volunteer.token(), Attendance.newDevice(), code);
		assertThat(uninsured.status()).isEqualTo(422);
		assertThat(uninsured.code()).isEqualTo("INSURANCE_REQUIRED");
		claim(product(List.of()), volunteer);
		assertThat(attendance.checkIn(volunteer.token(), Attendance.newDevice(), code).status()).isEqualTo(201);
	}

	/**
	 * A volunteer without a policy for the activity's day is told on the activity (the
	 * API's {@code insured}, the page), and so are its admins on the sign-up roster,
	 * before the check-in refuses them on the day; a policy claimed turns both around. An
	 * activity that requires none says nothing.
	 */
	@Test
	void theVolunteerAndTheRosterAreToldBeforeTheDayWhoHoldsNoPolicyForIt() {
		Attendance attendance = new Attendance(this.api);
		attendance.fixClock("2026-11-20T09:00:00+08:00");
		String required = attendance
			.publish(this.college, this.staff, "2026-11-27T10:00:00+08:00", "2026-11-27T12:00:00+08:00",
					Map.of("membersOnly", false, "requiresInsurance", true))
			.field("id");
		String plain = attendance
			.publish(this.college, this.staff, "2026-11-28T10:00:00+08:00", "2026-11-28T12:00:00+08:00",
					Map.of("membersOnly", false))
			.field("id");
		Volunteers.Registered volunteer = this.volunteers.register();
		for (String activity : List.of(required, plain)) {
			assertThat(this.api.post("/activities/" + activity + "/sign-up", null, volunteer.token()).status())
				.isEqualTo(201);
		}
		assertThat(mine(volunteer, required).path("insured").asBoolean(true)).isFalse();
		assertThat(mine(volunteer, plain).path("insured").isNull()).as("no insurance asked for").isTrue();
		assertThat(rosterEntry(required, volunteer).path("insured").asBoolean(true)).isFalse();
		assertThat(rosterEntry(plain, volunteer).path("insured").isNull()).isTrue();
		// the pages say the same
		WebSession app = WebSession.signedIn(this.port, volunteer.phone(), Volunteers.PASSWORD);
		assertThat(app.get("/activities/" + required).body()).contains("id=\"insurance-missing\"")
			.contains("您还没有覆盖活动当天（2026-11-27）的志愿者保险，没有保险将无法签到。");
		assertThat(app.get("/activities/" + plain).body()).doesNotContain("insurance-missing");
		assertThat(app.get("/activities").body()).contains("未领保险");
		WebSession console = WebSession.signedIn(this.port, Staff.ID_NUMBER, Staff.PASSWORD);
		assertThat(console.get("/admin/activities/" + required).body()).contains("未投保");
		try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
				new java.io.ByteArrayInputStream(
						this.api.get("/activities/" + required + "/attendance.xlsx", this.staff).bytes()))) {
			org.apache.poi.ss.usermodel.Sheet roster = workbook.getSheet("报名名单");
			assertThat(roster.getRow(0).getCell(7).getStringCellValue()).isEqualTo("保险 Insured");
			assertThat(roster.getRow(1).getCell(7).getStringCellValue()).isEqualTo("未投保");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}

		claim(product(List.of()), volunteer);
		assertThat(mine(volunteer, required).path("insured").asBoolean(false)).isTrue();
		assertThat(rosterEntry(required, volunteer).path("insured").asBoolean(false)).isTrue();
		assertThat(app.get("/activities/" + required).body()).doesNotContain("insurance-missing")
			.contains("您的志愿者保险覆盖活动当天");
		assertThat(console.get("/admin/activities/" + required).body()).doesNotContain("未投保");
	}

	private tools.jackson.databind.JsonNode mine(Volunteers.Registered volunteer, String activity) {
		for (tools.jackson.databind.JsonNode item : this.api.get("/me/activities", volunteer.token()).body()) {
			if (item.path("id").asString().equals(activity)) {
				return item;
			}
		}
		throw new AssertionError("not among my activities: " + activity);
	}

	private tools.jackson.databind.JsonNode rosterEntry(String activity, Volunteers.Registered volunteer) {
		Api.Response roster = this.api.get("/activities/" + activity + "/sign-ups", this.staff);
		assertThat(roster.status()).as(roster.toString()).isEqualTo(200);
		for (tools.jackson.databind.JsonNode entry : roster.body()) {
			if (entry.path("accountId").asString().equals(volunteer.id())) {
				return entry;
			}
		}
		throw new AssertionError("not on the roster: " + volunteer.id());
	}

	private String product(List<String> organizations) {
		Api.Response published = this.api.post("/admin/insurance-products", body(organizations), this.staff);
		assertThat(published.status()).as(published.toString()).isEqualTo(201);
		return published.field("id");
	}

	private static Map<String, Object> body(List<String> organizations) {
		return Map.of("insurer", "中国人寿", "planName", "志愿者意外伤害保险", "coverageSummary", "意外身故、伤残及医疗，保额10万元",
				"coverageStart", "2026-09-01", "coverageEnd", "2027-08-31", "eligibleOrganizationIds", organizations);
	}

	private Api.Response claim(String product, Volunteers.Registered volunteer) {
		return this.api.post("/insurance-products/" + product + "/claims", null, volunteer.token());
	}

}
