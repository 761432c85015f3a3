package org.yixing.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.IdNumbers;
import org.yixing.test.Organizations;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each field rule lives once, in the domain: the same too-long input sent through the API
 * and through the page form is the same refusal (400 {@code VALIDATION_FAILED}, the field
 * named), and nothing is stored — never a text cut short.
 */
@ApiTest
class FieldRulesAcrossChannelsTests {

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	@AfterEach
	void realTime() {
		this.api.delete("/dev/clock", null);
	}

	@Test
	void aRatingCommentOverFiveHundredCharactersIsRefusedByBothAndNotCut() {
		Organizations organizations = new Organizations(this.api);
		String association = organizations.createTopLevel("评价协会" + System.nanoTime() % 100_000);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		new Attendance(this.api).serve(organizations.staffToken(), association, List.of(volunteer),
				"2026-12-01T09:00:00+08:00", "2026-12-01T11:00:00+08:00");
		String session = this.api.get("/me/sessions", volunteer.token()).body().get(0).path("sessionId").asString();
		String tooLong = "好".repeat(501);

		Api.Response api = this.api.post("/check-ins/" + session + "/rating", Map.of("stars", 5, "comment", tooLong),
				volunteer.token());
		assertThat(api.status()).isEqualTo(400);
		assertThat(api.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.body().path("errors").has("comment")).isTrue();

		WebSession page = WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD);
		page.get("/check-in/sessions/" + session);
		WebSession.Page refused = page.post("/check-in/sessions/" + session + "/rating",
				Map.of("stars", "5", "comment", tooLong));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("评价内容不能超过500个字");

		// Nothing was stored by either: a rating within the limit is still the first.
		assertThat(this.api
			.post("/check-ins/" + session + "/rating", Map.of("stars", 4, "comment", "好".repeat(500)),
					volunteer.token())
			.status()).isEqualTo(201);
	}

	@Test
	void anActivityLeadNameOverFiftyCharactersIsRefusedByBothAndNothingIsPublished() {
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String association = organizations.createTopLevel("活动协会" + System.nanoTime() % 100_000);
		String tooLong = "李".repeat(51);
		Map<String, Object> body = new HashMap<>(
				Map.of("title", "图书馆志愿服务", "leadName", tooLong, "startAt", "2026-12-20T09:00:00+08:00", "endAt",
						"2026-12-20T11:00:00+08:00", "geofence", Attendance.circle(200), "coordinateSystem", "WGS84"));
		Api.Response api = this.api.post("/organizations/" + association + "/activities", body, staff);
		assertThat(api.status()).isEqualTo(400);
		assertThat(api.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.body().path("errors").has("leadName")).isTrue();

		WebSession console = WebSession.signedIn(this.port, Staff.ID_NUMBER, Staff.PASSWORD);
		console.get("/admin/organizations/" + association + "/activities/new");
		Map<String, String> form = new HashMap<>(Map.of("title", "图书馆志愿服务", "leadName", tooLong, "startAt",
				"2026-12-20T09:00", "endAt", "2026-12-20T11:00", "fenceType", "CIRCLE", "centerLat",
				String.valueOf(Attendance.LAT), "centerLng", String.valueOf(Attendance.LNG), "radiusMeters", "200"));
		form.putAll(Map.of("checkInOpensMinutesBefore", "30", "checkOutGraceMinutes", "30", "reminderMinutes", "15",
				"checkInMode", "CODE"));
		WebSession.Page refused = console.post("/admin/organizations/" + association + "/activities", form);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("负责人姓名不能超过50个字");

		assertThat(this.api.get("/organizations/" + association + "/activities", staff).body()).isEmpty();
	}

	@Test
	void aMembershipMessageAndARejectionReasonOverFiveHundredAreRefusedByBoth() {
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String association = organizations.createTopLevel("留言协会" + System.nanoTime() % 100_000);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		String tooLong = "请".repeat(501);

		Api.Response api = this.api.post("/organizations/" + association + "/membership-requests",
				Map.of("message", tooLong), volunteer.token());
		assertThat(api.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.body().path("errors").has("message")).isTrue();
		WebSession page = WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD);
		page.get("/organizations/" + association);
		WebSession.Page refused = page.post("/organizations/" + association + "/join", Map.of("message", tooLong));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("申请留言不能超过500个字");
		assertThat(this.api.get("/me/membership-requests", volunteer.token()).body()).isEmpty();

		String request = organizations.apply(association, volunteer.token());
		Api.Response rejected = this.api.post("/membership-requests/" + request + "/reject", Map.of("reason", tooLong),
				staff);
		assertThat(rejected.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(rejected.body().path("errors").has("reason")).isTrue();
		WebSession console = WebSession.signedIn(this.port, Staff.ID_NUMBER, Staff.PASSWORD);
		console.get("/admin/organizations/" + association + "/requests");
		WebSession.Page consoleRefused = console.post("/admin/organizations/" + association + "/requests",
				Map.of("requestIds", request, "decision", "reject", "reason", tooLong));
		assertThat(consoleRefused.status()).isEqualTo(400);
		assertThat(this.api.get("/me/membership-requests", volunteer.token()).body().get(0).path("status").asString())
			.isEqualTo("PENDING");
	}

	@Test
	void aRealNameOverFiftyCharactersIsRefusedByBothAndNoAccountIsMade() {
		String tooLong = "张".repeat(51);
		String idNumber = IdNumbers.random();
		String phone = IdNumbers.randomPhone();
		Volunteers volunteers = new Volunteers(this.api);
		String code = volunteers.sendCode(phone, "REGISTER");
		Api.Response api = this.api.post("/accounts", Map.of("realName", tooLong, "idNumber", idNumber, "phone", phone,
				"smsCode", code, "password", Volunteers.PASSWORD, "regionCode", "420100"));
		assertThat(api.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.body().path("errors").has("realName")).isTrue();
		WebSession page = new WebSession(this.port);
		// the form's own limit is the rule's
		assertThat(page.get("/register").body()).containsPattern("id=\"realName\"[^>]*maxlength=\"50\"");
		WebSession.Page refused = page.post("/register",
				Map.of("realName", tooLong, "idNumber", idNumber, "phone", phone, "smsCode", code, "province", "420000",
						"city", "420100", "district", "420111", "password", Volunteers.PASSWORD, "step", "2"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(this.api.post("/auth/token", Map.of("account", idNumber, "password", Volunteers.PASSWORD)).code())
			.isEqualTo("BAD_CREDENTIALS");
	}

	@Test
	void anOrganizationContactOverTwoHundredCharactersIsRefusedByBothAndNotCut() {
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String association = organizations.createTopLevel("联系协会" + System.nanoTime() % 100_000);
		String tooLong = "电".repeat(201);
		Api.Response api = this.api.send("PATCH", "/organizations/" + association, Map.of("contact", tooLong), staff,
				Map.of());
		assertThat(api.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.body().path("errors").has("contact")).isTrue();
		WebSession console = WebSession.signedIn(this.port, Staff.ID_NUMBER, Staff.PASSWORD);
		console.get("/admin/organizations/" + association);
		WebSession.Page refused = console.post("/admin/organizations/" + association,
				Map.of("name", "联系协会", "visibility", "LISTED", "contact", tooLong));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("联系方式不能超过200个字");
		assertThat(this.api.get("/organizations/" + association, staff).body().path("contact").asString()).isEmpty();
	}

	@Test
	void anInsuranceCoverageOverTwoThousandCharactersIsRefusedByBothAndNothingIsPublished() {
		String staff = new Organizations(this.api).staffToken();
		String plan = "志愿者意外险" + System.nanoTime() % 100_000;
		String tooLong = "保".repeat(2001);
		Api.Response api = this.api.post("/admin/insurance-products", Map.of("insurer", "中国人寿", "planName", plan,
				"coverageSummary", tooLong, "coverageStart", "2026-12-01", "coverageEnd", "2027-11-30"), staff);
		assertThat(api.status()).isEqualTo(400);
		assertThat(api.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.body().path("errors").has("coverageSummary")).isTrue();

		WebSession console = WebSession.signedIn(this.port, Staff.ID_NUMBER, Staff.PASSWORD);
		assertThat(console.get("/admin/insurance").body())
			.containsPattern("id=\"coverageSummary\"[^>]*maxlength=\"2000\"")
			.containsPattern("id=\"insurer\"[^>]*maxlength=\"100\"");
		WebSession.Page refused = console.post("/admin/insurance", Map.of("insurer", "中国人寿", "planName", plan,
				"coverageSummary", tooLong, "coverageStart", "2026-12-01", "coverageEnd", "2027-11-30"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("保障内容不能超过2000个字");
		// and a blank insurer is named as such, not as a missing value of another field
		WebSession.Page blank = console.post("/admin/insurance",
				Map.of("insurer", " ", "planName", plan, "coverageStart", "2026-12-01", "coverageEnd", "2027-11-30"));
		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.body()).contains("请填写保险公司（不超过100字）");

		assertThat(this.api.get("/insurance-products", staff).text()).doesNotContain(plan);
	}

	@Test
	void aSecondClassroomRuleOutsideItsLimitsIsRefusedByBothAndTheRuleStaysAsItWas() {
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String association = organizations.createTopLevel("学分协会" + System.nanoTime() % 100_000);
		assertThat(this.api
			.put("/organizations/" + association + "/second-classroom-rule",
					Map.of("minutesPerCredit", 240, "includeHonor", false), staff)
			.status()).isEqualTo(200);

		Api.Response api = this.api.put("/organizations/" + association + "/second-classroom-rule",
				Map.of("minutesPerCredit", 0, "includeHonor", false), staff);
		assertThat(api.status()).isEqualTo(400);
		assertThat(api.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.body().path("errors").has("minutesPerCredit")).isTrue();

		WebSession console = WebSession.signedIn(this.port, Staff.ID_NUMBER, Staff.PASSWORD);
		console.get("/admin/organizations/" + association + "/reports");
		WebSession.Page refused = console.post("/admin/organizations/" + association + "/reports/rule",
				Map.of("minutesPerCredit", "0", "maxCredits", "2"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("每学分分钟数须在1至100000之间");
		WebSession.Page cap = console.post("/admin/organizations/" + association + "/reports/rule",
				Map.of("minutesPerCredit", "120", "maxCredits", "0"));
		assertThat(cap.status()).isEqualTo(400);
		assertThat(cap.body()).contains("学分上限须大于0且不超过99999.9");

		assertThat(this.api.get("/organizations/" + association + "/second-classroom-credits", staff)
			.body()
			.path("rule")
			.path("minutesPerCredit")
			.asInt()).isEqualTo(240);
	}

	@Test
	void aMakeupDescriptionOverAThousandCharactersIsRefusedByBothAndThePageKeepsWhatWasTyped() {
		Organizations organizations = new Organizations(this.api);
		String association = organizations.createTopLevel("补录协会" + System.nanoTime() % 100_000);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		organizations.addMember(association, volunteer.idNumber());
		String tooLong = "补".repeat(1001);
		Api.Response api = this.api.post("/me/makeup-requests",
				Map.of("organizationId", association, "minutes", 90, "reason", "NO_SIGNAL", "description", tooLong),
				volunteer.token());
		assertThat(api.status()).isEqualTo(400);
		assertThat(api.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(api.body().path("errors").has("description")).isTrue();

		WebSession page = WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD);
		assertThat(page.get("/me/makeup-requests").body()).containsPattern("id=\"description\"[^>]*maxlength=\"1000\"");
		WebSession.Page refused = page.post("/me/makeup-requests", Map.of("organizationId", association, "hours", "1",
				"minutes", "30", "reason", "NO_SIGNAL", "description", tooLong));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("请填写服务说明（不超过1000个字）").contains(tooLong);
		assertThat(this.api.get("/me/makeup-requests", volunteer.token()).body()).isEmpty();

		// within the limit the same form is a request of 90 minutes
		WebSession.Page submitted = page.post("/me/makeup-requests", Map.of("organizationId", association, "hours", "1",
				"minutes", "30", "reason", "NO_SIGNAL", "description", "图书馆三楼，整理书架"));
		assertThat(submitted.header("Location")).endsWith("/me/makeup-requests?submitted");
		assertThat(this.api.get("/me/makeup-requests", volunteer.token()).body().get(0).path("minutes").asInt())
			.isEqualTo(90);
	}

}
