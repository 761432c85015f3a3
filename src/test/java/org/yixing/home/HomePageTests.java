package org.yixing.home;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Association;
import org.yixing.test.Attendance;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 首页's 我报名的活动: the activities a volunteer signed up for or waits for, soonest first, with
 * what their pages warn of, until they end.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HomePageTests {

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	Attendance attendance;

	Association association;

	@BeforeAll
	void anOrganization() {
		this.association = Association.create(this.api, "首页学院");
		this.attendance = new Attendance(this.api);
	}

	@Test
	void theHomePageListsWhatTheVolunteerSignedUpOrWaitsForSoonestFirstUntilItEnds() {
		this.attendance.fixClock("2027-03-01T10:00:00+08:00");
		Volunteers.Registered volunteer = this.association.volunteers().register();
		WebSession phone = WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD);
		String elsewhere = publish("不相干的活动", "2027-03-02T08:00", "2027-03-02T09:00", Map.of());
		assertThat(phone.get("/").body()).as("nothing joined, nothing shown")
			.doesNotContain("id=\"joined\"")
			.doesNotContain("我报名的活动");

		String eldercare = publish("敬老院陪伴", "2027-03-02T09:00", "2027-03-02T11:00", Map.of());
		String library = publish("图书馆整理", "2027-03-02T10:00", "2027-03-02T12:00", Map.of("requiresInsurance", true));
		String clinic = publish("社区义诊", "2027-03-03T09:00", "2027-03-03T11:00", Map.of("capacity", 1));
		signUp(eldercare, volunteer.token());
		signUp(library, volunteer.token());
		signUp(clinic, this.association.volunteers().register().token());
		assertThat(this.api.post("/activities/" + clinic + "/waitlist", null, volunteer.token()).status())
			.isEqualTo(201);

		String home = phone.get("/").body();
		String joined = home.substring(home.indexOf("id=\"joined\""));
		assertThat(joined).contains("我报名的活动").doesNotContain("不相干的活动");
		assertThat(joined.indexOf("敬老院陪伴")).as("soonest first").isLessThan(joined.indexOf("图书馆整理")).isGreaterThan(0);
		assertThat(joined.indexOf("图书馆整理")).isLessThan(joined.indexOf("社区义诊"));
		assertThat(item(joined, library)).contains("时间冲突").contains("未领保险");
		assertThat(item(joined, eldercare)).contains("时间冲突").doesNotContain("未领保险");
		assertThat(item(joined, clinic)).contains("候补中 · 第1位").doesNotContain("时间冲突");
		assertThat(joined).doesNotContain("/activities/" + elsewhere);

		this.attendance.fixClock("2027-03-02T11:30:00+08:00");
		String later = WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD).get("/").body();
		assertThat(later).as("an activity that ended leaves").doesNotContain("敬老院陪伴");
		assertThat(item(later.substring(later.indexOf("id=\"joined\"")), library)).contains("进行中")
			.doesNotContain("时间冲突");
	}

	/** The list item that links to the activity. */
	private static String item(String html, String activity) {
		int start = html.indexOf("href=\"/activities/" + activity + "\"");
		assertThat(start).as("an item for " + activity).isNotNegative();
		return html.substring(start, html.indexOf("</li>", start));
	}

	private String publish(String title, String start, String end, Map<String, Object> extra) {
		Map<String, Object> body = new HashMap<>(Map.of("title", title, "membersOnly", false));
		body.putAll(extra);
		return this.attendance
			.publish(this.association.id(), this.association.adminToken(), start + ":00+08:00", end + ":00+08:00", body)
			.field("id");
	}

	private void signUp(String activity, String token) {
		assertThat(this.api.post("/activities/" + activity + "/sign-up", null, token).status()).isEqualTo(201);
	}

}
