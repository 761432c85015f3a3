package org.yixing.attendance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recruiting (RULES §5): an activity's page, passed on as a link or a poster's QR code,
 * shows an activity open to all before signing in, with 登录后报名; a members-only one asks to
 * sign in first. The poster is for the activity's admins.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecruitingPagesTests {

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	Attendance attendance;

	Association association;

	@BeforeAll
	void anOrganization() {
		this.association = Association.create(this.api, "招募学院");
		this.attendance = new Attendance(this.api);
	}

	@Test
	void anActivityOpenToAllIsPreviewedBeforeSigningInAndSignedUpForAfter() {
		this.attendance.fixClock("2027-02-01T10:00:00+08:00");
		String id = publish(false).field("id");
		WebSession stranger = new WebSession(this.port);
		WebSession.Page preview = stranger.get("/activities/" + id);
		assertThat(preview.status()).isEqualTo(200);
		assertThat(preview.body()).contains("图书馆志愿服务")
			.contains("招募学院")
			.contains("图书馆三楼")
			.contains("剩余名额")
			.contains("id=\"sign-in-to-sign-up\"")
			.contains("href=\"/login?next=/activities/" + id + "\"")
			.doesNotContain("action=\"/activities/" + id + "/sign-up\"");
		assertThat(stranger.get("/activities/" + id + "/calendar.ics").status()).as("the rest stays signed in")
			.isEqualTo(302);

		Volunteers.Registered volunteer = this.association.volunteers().register();
		WebSession phone = WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD);
		assertThat(phone.get("/activities/" + id).body()).doesNotContain("id=\"sign-in-to-sign-up\"")
			.contains("action=\"/activities/" + id + "/sign-up\"");
	}

	@Test
	void someoneNewRegistersFromThePreviewAndComesBackToTheActivity() {
		this.attendance.fixClock("2027-02-01T10:00:00+08:00");
		String id = publish(false).field("id");
		WebSession stranger = new WebSession(this.port);
		String register = "/register?next=/activities/" + id;
		assertThat(stranger.get("/activities/" + id).body()).contains("href=\"" + register + "\"");
		assertThat(stranger.get("/login?next=/activities/" + id).body()).as("and from the sign-in page")
			.contains("href=\"" + register + "\"");
		String form = stranger.get(register).body();
		assertThat(form).contains("name=\"next\" value=\"/activities/" + id + "\"");
		String phone = IdNumbers.randomPhone();
		Map<String, String> fields = new HashMap<>(Map.of("realName", "新志愿者", "idNumber", IdNumbers.random(), "phone",
				phone, "smsCode", new Volunteers(this.api).sendCode(phone, "REGISTER"), "province", "420000", "city",
				"420100", "district", "420111", "step", "1"));
		fields.put("next", "/activities/" + id);
		assertThat(stranger.post("/register", fields).body()).as("the password step carries it on")
			.contains("name=\"next\" value=\"/activities/" + id + "\"");
		fields.put("step", "2");
		fields.put("password", Volunteers.PASSWORD);
		WebSession.Page registered = stranger.post("/register", fields);
		assertThat(registered.status()).isEqualTo(302);
		assertThat(registered.header("Location")).endsWith("/activities/" + id);
		assertThat(stranger.get("/activities/" + id).body()).contains("action=\"/activities/" + id + "/sign-up\"");
	}

	@Test
	void anotherSitesAddressIsNeverWhereRegistrationGoesOn() {
		WebSession stranger = new WebSession(this.port);
		assertThat(stranger.get("/register?next=https://evil.example/x").body()).doesNotContain("evil.example");
		assertThat(stranger.get("/register?next=//evil.example/x").body()).doesNotContain("evil.example");
	}

	@Test
	void aMembersOnlyActivityAsksToSignInFirst() {
		this.attendance.fixClock("2027-02-01T10:00:00+08:00");
		String id = publish(true).field("id");
		WebSession.Page asked = new WebSession(this.port).get("/activities/" + id);
		assertThat(asked.status()).isEqualTo(302);
		assertThat(asked.header("Location"))
			.endsWith("/login?next=" + URLEncoder.encode("/activities/" + id, StandardCharsets.UTF_8));
		assertThat(new WebSession(this.port).get("/activities/" + java.util.UUID.randomUUID()).status())
			.as("nor does a made-up id say whether it exists")
			.isEqualTo(302);
	}

	@Test
	void thePosterCarriesTheFactsAndAQrCodeOfTheActivitysPage() {
		this.attendance.fixClock("2027-02-01T10:00:00+08:00");
		String id = publish(false).field("id");
		WebSession console = WebSession.signedIn(this.port, this.association.admin().idNumber(), Volunteers.PASSWORD);
		assertThat(console.get("/admin/activities/" + id).body()).contains("/admin/activities/" + id + "/poster");
		WebSession.Page poster = console.get("/admin/activities/" + id + "/poster");
		assertThat(poster.status()).isEqualTo(200);
		assertThat(poster.body()).contains("图书馆志愿服务")
			.contains("招募学院")
			.contains("图书馆三楼")
			.contains("<svg")
			.contains("/activities/" + id + "\"")
			.contains("扫码查看活动并报名");
	}

	private Api.Response publish(boolean membersOnly) {
		return this.attendance.publish(this.association.id(), this.association.adminToken(),
				"2027-02-06T09:00:00+08:00", "2027-02-06T11:00:00+08:00",
				new HashMap<>(Map.of("membersOnly", membersOnly, "capacity", 10, "place", "图书馆三楼")));
	}

}
