package org.yixing.organization;

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
import org.yixing.test.IdNumbers;
import org.yixing.test.Organizations;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's 概览 tells an admin what needs them today, read by the modules whose rules
 * they are: 今日活动 of their organizations and those below (with who is on duty, checked out
 * and signed up), and the 工时补录申请 waiting; nothing of other organizations.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleOverviewTests {

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	Attendance attendance;

	Association association;

	String college;

	@BeforeAll
	void anAssociationWithACollegeBelow() {
		this.association = Association.create(this.api, "概览大学");
		this.attendance = new Attendance(this.api);
		this.college = new Organizations(this.api).create(this.association.adminToken(), this.association.id(),
				"概览大学会计学院", "420111", "LISTED");
	}

	@Test
	void theOverviewShowsTodaysActivitiesBelowAndTheRequestsWaiting() {
		this.attendance.fixClock("2027-04-01T07:30:00+08:00");
		String admin = this.association.adminToken();
		String morning = publish(this.association.id(), "晨间图书整理", "2027-04-01T08:00", "2027-04-01T12:00");
		String afternoon = publish(this.college, "下午社区服务", "2027-04-01T14:00", "2027-04-01T16:00");
		publish(this.college, "明天的活动", "2027-04-02T08:00", "2027-04-02T12:00");
		String cancelled = publish(this.college, "取消了的活动", "2027-04-01T09:00", "2027-04-01T10:00");
		assertThat(this.api.post("/activities/" + cancelled + "/cancel", Map.of("reason", "下雨"), admin).status())
			.isEqualTo(200);
		Organizations elsewhere = new Organizations(this.api);
		String other = elsewhere.createTopLevel("别的协会");
		this.attendance.publish(other, elsewhere.staffToken(), "2027-04-01T08:00:00+08:00", "2027-04-01T12:00:00+08:00",
				new HashMap<>(Map.of("title", "别的协会的活动", "membersOnly", false)));

		Volunteers.Registered came = this.association.volunteers().register();
		Volunteers.Registered late = this.association.volunteers().register();
		for (Volunteers.Registered v : new Volunteers.Registered[] { came, late }) {
			assertThat(this.api.post("/activities/" + morning + "/sign-up", null, v.token()).status()).isEqualTo(201);
		}
		new Organizations(this.api).addMember(this.college, came.idNumber());
		assertThat(this.api
			.post("/me/makeup-requests",
					Map.of("organizationId", this.college, "minutes", 60, "reason", "NO_SIGNAL", "description",
							"现场没有信号", "serviceDate", "2027-03-30"),
					came.token())
			.status()).isEqualTo(201);
		this.attendance.fixClock("2027-04-01T08:30:00+08:00");
		String code = this.api.get("/activities/" + morning, this.association.adminToken()).field("checkInCode");
		assertThat(this.attendance
			.checkIn(this.association.volunteers().login(came.idNumber(), Volunteers.PASSWORD), Attendance.newDevice(),
					code)
			.status()).isEqualTo(201);

		WebSession console = WebSession.signedIn(this.port, this.association.admin().idNumber(), Volunteers.PASSWORD);
		String page = console.get("/admin").body();
		String today = section(page, "today");
		assertThat(today).contains("今日活动").doesNotContain("明天的活动", "取消了的活动", "别的协会的活动");
		assertThat(today.indexOf("晨间图书整理")).as("earliest first").isLessThan(today.indexOf("下午社区服务"));
		String first = row(today, morning);
		assertThat(first).contains("进行中").contains("概览大学").contains("08:00 – 12:00");
		assertThat(cells(first)).as("在岗, 已签退, 报名").containsSequence("1", "0", "2");
		assertThat(first).contains("/admin/activities/" + morning + "/code");
		assertThat(row(today, afternoon)).contains("未开始").contains("概览大学会计学院");
		assertThat(section(page, "pending-makeups")).contains("概览大学会计学院")
			.contains("/admin/organizations/" + this.college + "/hours")
			.contains(">1<");
		WebSession.Page hours = console.get("/admin/organizations/" + this.college + "/hours");
		assertThat(hours.status()).as("where it leads, the request waits to be decided").isEqualTo(200);
		assertThat(hours.body()).contains("现场没有信号");

		WebSession volunteer = WebSession.signedIn(this.port, late.idNumber(), Volunteers.PASSWORD);
		assertThat(volunteer.get("/admin").body()).as("no organization of theirs, nothing of others")
			.doesNotContain("id=\"today\"")
			.doesNotContain("晨间图书整理");
	}

	/**
	 * Platform staff are told on 概览 how many 手持身份证照片 recoveries wait for them: volunteers
	 * who cannot sign in until one is decided.
	 */
	@Test
	void staffSeeTheIdPhotoRecoveriesWaitingForThem() {
		String staff = new Organizations(this.api).staffToken();
		int before = this.api.get("/admin/id-photo-reviews?status=PENDING", staff).body().size();
		Volunteers.Registered volunteer = this.association.volunteers().register();
		Api.Response submitted = this.api.multipart("/password-resets/id-photo",
				Map.of("idNumber", volunteer.idNumber(), "realName", "测试志愿者", "newPhone", IdNumbers.randomPhone()),
				"photo", "id.jpg", Volunteers.ID_PHOTO, "image/jpeg", null);
		assertThat(submitted.status()).isEqualTo(202);
		try {
			WebSession console = WebSession.signedIn(this.port, Staff.ID_NUMBER, Staff.PASSWORD);
			assertThat(console.get("/admin").body()).contains("id=\"id-photos-waiting\"")
				.contains((before + 1) + " 位志愿者在等待找回账号");
			WebSession admin = WebSession.signedIn(this.port, this.association.admin().idNumber(), Volunteers.PASSWORD);
			assertThat(admin.get("/admin").body()).as("for staff alone").doesNotContain("id=\"id-photos-waiting\"");
		}
		finally {
			this.api.post("/admin/id-photo-reviews/" + submitted.field("id") + "/reject", Map.of("reason", "照片不清晰"),
					staff);
		}
	}

	private String publish(String organization, String title, String start, String end) {
		return this.attendance
			.publish(organization, this.association.adminToken(), start + ":00+08:00", end + ":00+08:00",
					new HashMap<>(Map.of("title", title, "membersOnly", false)))
			.field("id");
	}

	private static String section(String html, String id) {
		int start = html.indexOf("id=\"" + id + "\"");
		assertThat(start).as("a section " + id).isNotNegative();
		return html.substring(start, html.indexOf("</section>", start));
	}

	private static String row(String html, String activity) {
		int start = html.indexOf("href=\"/admin/activities/" + activity + "\"");
		assertThat(start).as("a row for " + activity).isNotNegative();
		return html.substring(start, html.indexOf("</tr>", start));
	}

	/** The texts of the row's plain cells. */
	private static java.util.List<String> cells(String row) {
		return java.util.regex.Pattern.compile("<td>([^<]*)</td>")
			.matcher(row)
			.results()
			.map((m) -> m.group(1).trim())
			.toList();
	}

}
