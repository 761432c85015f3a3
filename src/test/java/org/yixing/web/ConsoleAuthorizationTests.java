package org.yixing.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.IdNumbers;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console form, posted by an admin of a sibling organization, is refused with 403
 * by the same scope rules as the API, and changes nothing.
 */
@ApiTest
class ConsoleAuthorizationTests {

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	Organizations organizations;

	Volunteers volunteers;

	String staff;

	String organization;

	String sibling;

	Volunteers.Registered member;

	String requestId;

	String activityId;

	String checkInCode;

	String sessionId;

	String makeupId;

	WebSession siblingAdmin;

	@BeforeEach
	void twoSiblingsUnderOneUniversity() {
		this.organizations = new Organizations(this.api);
		this.volunteers = new Volunteers(this.api);
		Attendance attendance = new Attendance(this.api);
		attendance.fixClock("2026-12-01T10:00:00+08:00");
		this.staff = this.organizations.staffToken();
		String university = this.organizations.createTopLevel("权限大学" + System.nanoTime() % 100_000);
		this.organization = this.organizations.create(this.staff, university, "会计学院", "420111", "LISTED");
		this.sibling = this.organizations.create(this.staff, university, "金融学院", "420111", "LISTED");
		this.member = this.volunteers.register();
		this.organizations.addMember(this.organization, this.member.idNumber());
		this.requestId = this.organizations.apply(this.organization, this.volunteers.register().token());
		Api.Response activity = attendance.publish(this.organization, this.staff, "2026-12-01T09:30:00+08:00",
				"2026-12-01T12:00:00+08:00", Map.of());
		this.activityId = activity.field("id");
		this.checkInCode = activity.field("checkInCode");
		this.sessionId = attendance.checkIn(this.member.token(), Attendance.newDevice(), this.checkInCode)
			.field("sessionId");
		this.makeupId = this.api
			.post("/me/makeup-requests", Map.of("organizationId", this.organization, "minutes", 60, "reason",
					"NO_SIGNAL", "description", "现场没有信号"), this.member.token())
			.field("id");
		Volunteers.Registered admin = this.volunteers.register();
		this.organizations.addMember(this.sibling, admin.idNumber());
		this.organizations.makeAdmin(this.sibling, admin.id());
		this.siblingAdmin = WebSession.signedIn(this.port, admin.phone(), Volunteers.PASSWORD);
	}

	@Test
	void everyConsoleFormOfAnotherOrganizationIsForbiddenAndChangesNothing() {
		String snapshot = state();
		String a = "/admin/organizations/" + this.organization;
		List<Post> posts = List.of(new Post(a, fields("name", "改名", "visibility", "HIDDEN")),
				new Post("/admin/organizations",
						fields("parentId", this.organization, "name", "越权下级", "province", "420000", "city", "420100")),
				new Post(a + "/archive", Map.of()), new Post(a + "/move", fields("parentId", this.sibling)),
				new Post("/admin/organizations/" + this.sibling + "/move", fields("parentId", this.organization)),
				new Post(a + "/requests", fields("requestIds", this.requestId, "decision", "approve")),
				new Post("/admin/organizations/" + this.sibling + "/requests",
						fields("requestIds", this.requestId, "decision", "reject", "reason", "越权")),
				new Post(a + "/members", fields("idNumber", IdNumbers.random())),
				new Post(a + "/members/batch", fields("idNumbers", this.member.idNumber() + "\n" + IdNumbers.random())),
				new Post(a + "/members/" + this.member.id() + "/remove", Map.of()),
				new Post(a + "/members/" + this.member.id() + "/admin", fields("action", "grant")),
				new Post(a + "/announcements", fields("text", "越权公告")),
				new Post(a + "/activities",
						fields("title", "越权活动", "startAt", "2026-12-02T09:00", "endAt", "2026-12-02T11:00", "fenceType",
								"CIRCLE", "centerLat", "30.47", "centerLng", "114.38", "radiusMeters", "200",
								"checkInOpensMinutesBefore", "30", "checkOutGraceMinutes", "30")),
				new Post("/admin/activities/" + this.activityId + "/edit",
						fields("title", "改了", "startAt", "2026-12-01T09:30", "endAt", "2026-12-01T12:00", "fenceType",
								"CIRCLE", "centerLat", "30.47", "centerLng", "114.38", "radiusMeters", "200",
								"checkInOpensMinutesBefore", "30", "checkOutGraceMinutes", "30")),
				new Post("/admin/activities/" + this.activityId + "/code", Map.of()),
				new Post("/admin/activities/" + this.activityId + "/cancel", fields("reason", "越权")),
				new Post("/admin/activities/" + this.activityId + "/messages", fields("text", "越权通知")),
				new Post("/admin/activities/" + this.activityId + "/weekly-copies", fields("weeks", "2")),
				new Post("/admin/activities/" + this.activityId + "/sign-ups",
						fields("idNumber", this.member.idNumber())),
				new Post("/admin/activities/" + this.activityId + "/sign-ups/" + this.member.id() + "/remove",
						Map.of()),
				new Post("/admin/activities/" + this.activityId + "/manual",
						fields("action", "in", "idNumber", this.member.idNumber(), "reason", "越权")),
				new Post("/admin/activities/" + this.activityId + "/sessions/" + this.sessionId + "/void",
						fields("reason", "越权")),
				new Post(a + "/hours",
						fields("idNumber", this.member.idNumber(), "minutes", "60", "reason", "NO_SIGNAL",
								"description", "越权补录")),
				new Post("/admin/makeup-requests/" + this.makeupId + "/approve", Map.of()),
				new Post("/admin/makeup-requests/" + this.makeupId + "/reject", fields("reason", "越权")));
		Map<String, Integer> statuses = new LinkedHashMap<>();
		for (Post post : posts) {
			this.siblingAdmin.get("/admin");
			statuses.put(post.path(), this.siblingAdmin.post(post.path(), post.fields()).status());
		}
		statuses.put("POST " + a + "/hours/import", importSpreadsheet(a + "/hours/import"));
		for (Post staffOnly : List.of(new Post("/admin/agreement", fields("version", "2099-01", "text", "越权")),
				new Post("/admin/devices/release", fields("deviceId", "any-device-1", "reason", "越权")),
				new Post("/admin/backups", Map.of()))) {
			this.siblingAdmin.get("/admin");
			statuses.put(staffOnly.path(), this.siblingAdmin.post(staffOnly.path(), staffOnly.fields()).status());
		}
		statuses.put("POST /admin/roster", importSpreadsheet("/admin/roster"));
		this.siblingAdmin.get("/admin");
		statuses.put("POST scan uploads", this.siblingAdmin.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI
				.create(this.siblingAdmin.baseUrl() + "/admin/activities/" + this.activityId + "/scan/uploads"))
			.header("Content-Type", "application/json")
			.header("X-CSRF-TOKEN", this.siblingAdmin.csrf())
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"deviceNow\":\"2026-12-01T10:00:00+08:00\","
					+ "\"scans\":[{\"scanId\":\"s1\",\"code\":\"yx:p:abcdefgh:1:AAAA\","
					+ "\"scannedAt\":\"2026-12-01T10:00:00+08:00\"}]}")))
			.status());
		for (String get : List.of(a, a + "/requests", a + "/members", a + "/activities", a + "/activities/new",
				"/admin/organizations/" + this.sibling + "/activities/new?from=" + this.activityId, a + "/hours",
				a + "/hours/template.xlsx", "/admin/activities/" + this.activityId,
				"/admin/activities/" + this.activityId + "/rows", "/admin/activities/" + this.activityId + "/edit",
				"/admin/activities/" + this.activityId + "/code", "/admin/activities/" + this.activityId + "/poster",
				"/admin/activities/" + this.activityId + "/attendance.xlsx",
				"/admin/activities/" + this.activityId + "/scan",
				"/admin/activities/" + this.activityId + "/scan/roster",
				"/admin/activities/" + this.activityId + "/code/rotating",
				"/admin/activities/" + this.activityId + "/sessions/" + this.sessionId, "/admin/id-photo-reviews",
				"/admin/agreement", "/admin/devices", "/admin/roster", "/admin/roster/template.xlsx",
				"/admin/insurance", a + "/face-reenrolments", "/admin/backups",
				"/admin/roster/imports/" + java.util.UUID.randomUUID(),
				"/admin/roster/imports/" + java.util.UUID.randomUUID() + "/progress")) {
			statuses.put("GET " + get, this.siblingAdmin.get(get).status());
		}
		assertThat(statuses).allSatisfy((path, status) -> assertThat(status).as(path).isEqualTo(403));
		assertThat(state()).isEqualTo(snapshot);
	}

	@Test
	void theSameFormsWorkForTheOrganizationsOwnAdmin() {
		Volunteers.Registered admin = this.volunteers.register();
		this.organizations.addMember(this.organization, admin.idNumber());
		this.organizations.makeAdmin(this.organization, admin.id());
		WebSession own = WebSession.signedIn(this.port, admin.phone(), Volunteers.PASSWORD);
		own.get("/admin/organizations/" + this.organization + "/requests");
		assertThat(own
			.post("/admin/organizations/" + this.organization + "/requests",
					fields("requestIds", this.requestId, "decision", "approve"))
			.status()).isEqualTo(302);
		own.get("/admin/activities/" + this.activityId + "/code");
		assertThat(own.post("/admin/activities/" + this.activityId + "/code", Map.of()).status()).isEqualTo(302);
		assertThat(this.api.get("/activities/" + this.activityId, this.staff).field("checkInCode"))
			.isNotEqualTo(this.checkInCode);
	}

	@Test
	void noConsoleFormAnswers500ToAnythingItCanBeSent() {
		WebSession staffSession = WebSession.signedIn(this.port, org.yixing.test.Staff.ID_NUMBER,
				org.yixing.test.Staff.PASSWORD);
		String huge = "字".repeat(20_000);
		String a = "/admin/organizations/" + this.organization;
		String act = "/admin/activities/" + this.activityId;
		List<Map<String, String>> inputs = List.of(Map.of(),
				fields("name", huge, "visibility", "NOPE", "province", "x", "parentId", "not-a-uuid", "requestIds",
						"nope", "decision", "maybe", "reason", huge, "idNumber", "1", "action", "x", "title", huge,
						"startAt", "yesterday", "endAt", "2026-13-45T99:99", "fenceType", "TRIANGLE", "centerLat",
						"north", "centerLng", "1e999", "radiusMeters", "-5", "points", "a,b;c", "capacity", "-1",
						"checkInOpensMinutesBefore", "99999999999", "checkOutGraceMinutes", "x", "minutes", "1.5",
						"description", huge, "membersOnly", "maybe"),
				fields("title", "t", "startAt", "2026-12-02T09:00", "endAt", "2026-12-01T09:00", "fenceType", "POLYGON",
						"points", "30.47,114.38;30.47,114.38", "checkInOpensMinutesBefore", "30",
						"checkOutGraceMinutes", "30", "idNumber", this.member.idNumber(), "minutes", "0", "reason",
						"OWN_FAILURE", "description", "d"));
		List<String> posts = List.of("/admin/organizations", a, a + "/archive", a + "/requests", a + "/members",
				a + "/members/" + this.member.id() + "/admin", a + "/members/nope/remove", a + "/activities",
				a + "/announcements", "/admin/organizations/nope/announcements", act + "/edit", act + "/code",
				act + "/cancel", act + "/messages", act + "/weekly-copies", "/admin/activities/nope/weekly-copies",
				act + "/sign-ups", act + "/sign-ups/nope/remove", "/admin/activities/nope/edit",
				"/admin/activities/nope/cancel", a + "/hours", a + "/hours/import",
				"/admin/makeup-requests/nope/approve", "/admin/makeup-requests/" + this.makeupId + "/reject",
				"/admin/id-photo-reviews/nope/approve", "/admin/id-photo-reviews/" + this.makeupId + "/reject",
				act + "/sessions/nope/void", act + "/sessions/" + java.util.UUID.randomUUID() + "/void");
		Map<String, Integer> failures = new LinkedHashMap<>();
		for (String path : posts) {
			for (Map<String, String> input : inputs) {
				staffSession.get("/admin");
				int status = staffSession.post(path, input).status();
				if (status >= 500) {
					failures.put("POST " + path + " " + input.keySet(), status);
				}
			}
		}
		for (String path : List.of("/admin", a, a + "/requests?status=NOPE", a + "/members?q=" + "%25", act,
				act + "/rows?status=x", act + "/edit", act + "/code", act + "/poster", "/admin/activities/nope/poster",
				a + "/activities/new", a + "/hours", "/admin/id-photo-reviews?status=x", "/admin/organizations/nope",
				"/admin/activities/nope", "/admin/evidence/nope", "/admin/id-photo-reviews/nope/photo", act + "/scan",
				act + "/scan/roster", act + "/code/rotating", act + "/sessions/nope",
				act + "/sessions/" + java.util.UUID.randomUUID(), "/admin/roster/imports/nope",
				"/admin/roster/imports/" + java.util.UUID.randomUUID() + "/progress")) {
			int status = staffSession.get(path).status();
			if (status >= 500) {
				failures.put("GET " + path, status);
			}
		}
		assertThat(failures).isEmpty();
	}

	/** What the forms could have changed, as the API shows it to staff. */
	private String state() {
		return String.join("\n", this.api.get("/organizations/" + this.organization, this.staff).text(),
				this.api.get("/organizations/" + this.organization + "/membership-requests", this.staff).text(),
				this.api.get("/organizations/" + this.organization + "/members", this.staff).text(),
				this.api.get("/activities/" + this.activityId, this.staff).text(),
				this.api.get("/activities/" + this.activityId + "/attendance", this.staff).text(),
				this.api.get("/organizations/" + this.organization + "/makeup-requests", this.staff).text(),
				this.api.get("/me/hours/entries", this.member.token()).text());
	}

	private int importSpreadsheet(String path) {
		this.siblingAdmin.get("/admin");
		return this.siblingAdmin.upload(path, "a.xlsx", "not a spreadsheet".getBytes(StandardCharsets.UTF_8)).status();
	}

	private static Map<String, String> fields(String... namesAndValues) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return fields;
	}

	private record Post(String path, Map<String, String> fields) {
	}

}
