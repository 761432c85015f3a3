package org.yixing.activity;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
import org.yixing.test.Inbox;
import org.yixing.test.Race;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 活动通知 (RULES §13): an activity's admins tell its volunteers, signed up or checked in, by
 * a notice once each and on the activity's page; at most ten a day.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivityMessagesApiTests {

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	Attendance attendance;

	Volunteers volunteers;

	String college;

	Volunteers.Registered admin;

	Association association;

	@BeforeAll
	void anOrganization() {
		this.association = Association.create(this.api, "通知学院");
		this.attendance = new Attendance(this.api);
		this.volunteers = this.association.volunteers();
		this.college = this.association.id();
		this.admin = this.association.admin();
	}

	@Test
	void theVolunteersSignedUpOrCheckedInAreToldOnceAndReadItOnTheActivitysPage() {
		this.attendance.fixClock("2026-12-21T08:00:00+08:00");
		Api.Response activity = publish("2026-12-21T09:00:00+08:00", "2026-12-21T11:00:00+08:00");
		String id = activity.field("id");
		Volunteers.Registered signedUp = this.volunteers.register();
		Volunteers.Registered withdrew = this.volunteers.register();
		Volunteers.Registered walkIn = this.volunteers.register();
		Volunteers.Registered bystander = this.volunteers.register();
		for (Volunteers.Registered v : List.of(signedUp, withdrew)) {
			assertThat(this.api.post("/activities/" + id + "/sign-up", null, v.token()).status()).isEqualTo(201);
		}
		assertThat(this.api.delete("/activities/" + id + "/sign-up", withdrew.token()).status()).isEqualTo(204);
		this.attendance.fixClock("2026-12-21T09:10:00+08:00");
		assertThat(
				this.attendance.checkIn(walkIn.token(), Attendance.newDevice(), activity.field("checkInCode")).status())
			.isEqualTo(201);

		Api.Response sent = this.api.post("/activities/" + id + "/messages", Map.of("text", "  补给点在东门，\n请带好水杯  "),
				admin());
		assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
		assertThat(sent.field("text")).isEqualTo("补给点在东门，\n请带好水杯");
		assertThat(sent.field("sentAt")).isEqualTo("2026-12-21T09:10:00+08:00");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(messages(signedUp)).hasSize(1);
			assertThat(messages(walkIn)).hasSize(1);
		});
		assertThat(messages(signedUp).get(0).path("text").asString()).contains("图书馆志愿服务").contains("补给点在东门");
		assertThat(messages(withdrew)).isEmpty();
		assertThat(messages(bystander)).isEmpty();
		assertThat(this.api.post("/dev/reminders/run", null).status()).isEqualTo(200);
		assertThat(texts(signedUp)).as("a notice, never a text").isEmpty();
		assertThat(texts(walkIn)).isEmpty();

		JsonNode listed = this.api.get("/activities/" + id + "/messages", admin()).body();
		assertThat(listed).singleElement()
			.satisfies((m) -> assertThat(m.path("id").asString()).isEqualTo(sent.field("id")));
		assertThat(this.api.get("/activities/" + id + "/messages", bystander.token()).status()).isEqualTo(403);
		assertThat(this.api
			.get("/activities/" + id + "/messages", this.volunteers.login(walkIn.idNumber(), Volunteers.PASSWORD))
			.body()).as("the volunteers it was sent to read it through the API too")
			.singleElement()
			.satisfies((m) -> assertThat(m.path("text").asString()).isEqualTo("补给点在东门，\n请带好水杯"));
		assertThat(this.api
			.get("/activities/" + id + "/messages", this.volunteers.login(withdrew.idNumber(), Volunteers.PASSWORD))
			.status()).isEqualTo(403);
		assertThat(this.api.post("/activities/" + id + "/messages", Map.of("text", "越权"), bystander.token()).status())
			.isEqualTo(403);

		WebSession phone = WebSession.signedIn(this.port, walkIn.idNumber(), Volunteers.PASSWORD);
		assertThat(phone.get("/activities/" + id).body()).contains("组织方通知").contains("补给点在东门");
		WebSession other = WebSession.signedIn(this.port, bystander.idNumber(), Volunteers.PASSWORD);
		assertThat(other.get("/activities/" + id).body()).as("only for those it was sent to").doesNotContain("补给点在东门");
	}

	@Test
	void aMessageIsOneTo500CharactersAndGoesAlsoForACancelledActivity() {
		this.attendance.fixClock("2026-12-22T08:00:00+08:00");
		String id = publish("2026-12-23T09:00:00+08:00", "2026-12-23T11:00:00+08:00").field("id");
		Api.Response blank = this.api.post("/activities/" + id + "/messages", Map.of("text", "   "), admin());
		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(blank.body().path("errors").has("text")).isTrue();
		assertThat(this.api.post("/activities/" + id + "/messages", Map.of("text", "长".repeat(501)), admin()).code())
			.isEqualTo("VALIDATION_FAILED");
		assertThat(this.api.post("/activities/" + id + "/messages", Map.of("text", "长".repeat(500)), admin()).status())
			.isEqualTo(201);

		Volunteers.Registered volunteer = this.volunteers.register();
		assertThat(this.api.post("/activities/" + id + "/sign-up", null, volunteer.token()).status()).isEqualTo(201);
		assertThat(this.api.post("/activities/" + id + "/cancel", Map.of("reason", "大雨"), admin()).status())
			.isEqualTo(200);
		assertThat(this.api.post("/activities/" + id + "/messages", Map.of("text", "改到下周六，请重新报名"), admin()).status())
			.as("how a new date is told")
			.isEqualTo(201);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(messages(volunteer)).singleElement()
				.satisfies((n) -> assertThat(n.path("text").asString()).contains("改到下周六")));
	}

	@Test
	void anActivitySendsAtMostTenMessagesADayEvenWhenTheyRace() {
		this.attendance.fixClock("2026-12-24T20:00:00+08:00");
		String id = publish("2026-12-25T09:00:00+08:00", "2026-12-25T11:00:00+08:00").field("id");
		String token = admin();
		assertThat(this.api.post("/activities/" + id + "/messages", Map.of("text", "第一条"), token).status())
			.isEqualTo(201);
		List<Api.Response> raced = Race.of(12,
				(i) -> this.api.post("/activities/" + id + "/messages", Map.of("text", "第" + (i + 2) + "条"), token));
		assertThat(raced).filteredOn((r) -> r.status() == 201).hasSize(9);
		assertThat(raced).filteredOn((r) -> r.status() == 429).hasSize(3).allSatisfy((r) -> {
			assertThat(r.code()).isEqualTo("TOO_MANY_REQUESTS");
			assertThat(r.body().path("explanation").asString()).isEqualTo("每个活动每天最多发送10条通知");
		});
		assertThat(this.api.get("/activities/" + id + "/messages", token).body()).hasSize(10);
		this.attendance.fixClock("2026-12-25T00:00:01+08:00");
		assertThat(this.api.post("/activities/" + id + "/messages", Map.of("text", "新的一天"), admin()).status())
			.as("the limit is per Beijing day")
			.isEqualTo(201);
	}

	@Test
	void theConsoleSendsFromTheActivitysPageAndKeepsARefusedText() {
		this.attendance.fixClock("2026-12-26T08:00:00+08:00");
		String id = publish("2026-12-26T09:00:00+08:00", "2026-12-26T11:00:00+08:00").field("id");
		WebSession console = WebSession.signedIn(this.port, this.admin.idNumber(), Volunteers.PASSWORD);
		assertThat(console.get("/admin/activities/" + id).body()).contains("活动通知（0）").contains("message-text");
		WebSession.Page done = console.post("/admin/activities/" + id + "/messages", Map.of("text", "八点半东门集合"));
		assertThat(done.status()).isEqualTo(302);
		assertThat(done.response().headers().firstValue("Location").orElseThrow())
			.endsWith("/admin/activities/" + id + "?messaged#messages");
		assertThat(console.get("/admin/activities/" + id + "?messaged").body()).contains("通知已发送")
			.contains("活动通知（1）")
			.contains("八点半东门集合");
		WebSession.Page refused = console.post("/admin/activities/" + id + "/messages",
				Map.of("text", "长".repeat(501)));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("通知内容为1至500个字").contains("长".repeat(501));
	}

	private Api.Response publish(String start, String end) {
		return this.attendance.publish(this.college, admin(), start, end, new HashMap<>(Map.of("membersOnly", false)));
	}

	private String admin() {
		return this.association.adminToken();
	}

	private List<JsonNode> messages(Volunteers.Registered volunteer) {
		return Inbox.notices(this.api, this.volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD),
				"ACTIVITY_MESSAGE");
	}

	private List<JsonNode> texts(Volunteers.Registered volunteer) {
		return Inbox.reminderTexts(this.api, volunteer.phone());
	}

}
