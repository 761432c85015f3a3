package org.yixing.hours;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.attendance.SessionCompleted;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** RULES §8: the hours ledger, coins, honor hours and makeup requests. */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HoursApiTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	EventSerializer eventSerializer;

	@Autowired
	IncompleteEventPublications incompleteEvents;

	Attendance attendance;

	Volunteers volunteers;

	Organizations organizations;

	String college;

	String admin;

	String code;

	String activityId;

	@BeforeAll
	void activity() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		this.organizations = new Organizations(this.api);
		this.college = this.organizations.createTopLevel("工时学院");
		Volunteers.Registered admin = this.volunteers.register();
		this.organizations.makeAdmin(this.college, admin.id());
		this.admin = admin.token();
		Api.Response published = this.attendance.publish(this.college, this.admin, "2026-11-25T10:00:00+08:00",
				"2026-11-25T12:00:00+08:00", Map.of("membersOnly", false, "place", "南湖校区图书馆", "leadName", "王老师"));
		this.code = published.field("checkInCode");
		this.activityId = published.field("id");
	}

	@BeforeEach
	void tenOClock() {
		this.attendance.fixClock("2026-11-25T10:00:00+08:00");
	}

	@Test
	void aCompletedSessionBecomesCreditTimeAndCoins() {
		Volunteers.Registered volunteer = member();
		String device = Attendance.newDevice();
		String session = this.attendance.checkIn(volunteer.token(), device, this.code).field("sessionId");
		this.attendance.fixClock("2026-11-25T11:35:30+08:00");
		this.attendance.checkOut(volunteer.token(), device, session);
		await().untilAsserted(() -> assertThat(hours(volunteer).path("creditMinutes").asInt()).isEqualTo(95));
		JsonNode hours = hours(volunteer);
		assertThat(hours.path("honorMinutes").asInt()).isZero();
		assertThat(hours.path("coins").asInt()).isEqualTo(1);
		JsonNode entry = this.api.get("/me/hours/entries", volunteer.token()).body().get(0);
		assertThat(entry.path("kind").asString()).isEqualTo("CREDIT");
		assertThat(entry.path("source").asString()).isEqualTo("SESSION");
		assertThat(entry.path("sessionId").asString()).isEqualTo(session);
		assertThat(entry.path("activityTitle").asString()).isEqualTo("图书馆志愿服务");
		assertThat(entry.path("serviceDate").asString()).isEqualTo("2026-11-25");
		assertThat(entry.path("place").asString()).isEqualTo("南湖校区图书馆");
		assertThat(entry.path("content").asString()).isEqualTo("整理书架");
		assertThat(entry.path("organizationName").asString()).isEqualTo("工时学院");
		assertThat(entry.path("activityLead").asString()).isEqualTo("王老师");
	}

	@Test
	void aRedeliveredSessionEventIsCreditedOnce() {
		Volunteers.Registered volunteer = member();
		SessionCompleted event = completed(volunteer, 45, "2026-11-25T02:10:00Z", "2026-11-25T02:55:00Z");
		// Delivered three times, one after the other, as a republication after a restart
		// would: each delivery completes in the publication registry. (Three deliveries
		// of
		// one event in flight at once share the registry's in-progress entry, so their
		// completions could not all be counted.)
		for (int i = 1; i <= 3; i++) {
			this.transactions.executeWithoutResult((status) -> this.events.publishEvent(event));
			long delivered = i;
			await().untilAsserted(() -> assertThat(this.jdbc.sql("""
					SELECT count(*) FROM event_publication WHERE listener_id LIKE '%CreditFromSessions%'
					AND serialized_event LIKE ? AND completion_date IS NOT NULL""")
				.param("%" + event.sessionId() + "%")
				.query(Long.class)
				.single()).isEqualTo(delivered));
		}
		// ...and leave one credit entry.
		assertThat(this.jdbc.sql("SELECT count(*) FROM hours_entries WHERE session_id = ?")
			.param(event.sessionId())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(hours(volunteer).path("creditMinutes").asInt()).isEqualTo(45);
	}

	@Test
	void aStoredSessionEventThatNoListenerFinishedIsCreditedWhenHandedOutAgain() {
		Volunteers.Registered volunteer = member();
		// A delivered event: its row names the ledger's listener and the event's type.
		SessionCompleted delivered = completed(volunteer, 20, "2026-11-25T02:00:00Z", "2026-11-25T02:20:00Z");
		this.transactions.executeWithoutResult((status) -> this.events.publishEvent(delivered));
		await().untilAsserted(() -> assertThat(hours(volunteer).path("creditMinutes").asInt()).isEqualTo(20));
		// Another, stored the day before and never finished: its node went down.
		SessionCompleted unfinished = completed(volunteer, 35, "2026-11-25T02:30:00Z", "2026-11-25T03:05:00Z");
		this.jdbc.sql("""
				INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
				  completion_attempts)
				SELECT ?, listener_id, event_type, ?, '2026-11-24T10:00:00Z', 'PUBLISHED', 0 FROM event_publication
				WHERE listener_id LIKE '%CreditFromSessions%' AND serialized_event LIKE ?""")
			.param(UUID.randomUUID())
			.param(this.eventSerializer.serialize(unfinished))
			.param("%" + delivered.sessionId() + "%")
			.update();
		this.incompleteEvents.resubmitIncompletePublicationsOlderThan(Duration.ofMinutes(1));
		await().untilAsserted(() -> assertThat(hours(volunteer).path("creditMinutes").asInt()).isEqualTo(55));
		assertThat(this.jdbc.sql("SELECT minutes FROM hours_entries WHERE session_id = ?")
			.param(unfinished.sessionId())
			.query(Integer.class)
			.single()).isEqualTo(35);
	}

	@Test
	void theDatabaseRefusesToChangeOrDeleteLedgerRows() {
		Volunteers.Registered volunteer = member();
		honor(volunteer, 60, "NO_SIGNAL");
		assertThatThrownBy(() -> this.jdbc.sql("UPDATE hours_entries SET minutes = 6000 WHERE account_id = ?::uuid")
			.param(volunteer.id())
			.update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM hours_entries WHERE account_id = ?::uuid")
			.param(volunteer.id())
			.update()).isInstanceOf(DataAccessException.class);
	}

	@Test
	void adminsAddAndRemoveHonorHoursForAllowedReasonsWithoutCoins() {
		Volunteers.Registered volunteer = member();
		Api.Response added = honor(volunteer, 120, "OFF_CAMPUS_RECOGNISED");
		assertThat(added.status()).isEqualTo(201);
		assertThat(added.field("kind")).isEqualTo("HONOR");
		assertThat(added.field("reason")).isEqualTo("OFF_CAMPUS_RECOGNISED");
		Api.Response removed = this.api.post("/organizations/" + this.college + "/honor-hours",
				Map.of("idNumber", volunteer.idNumber(), "minutes", -30, "reason", "ADMIN_SETUP_ERROR", "description",
						"多记了半小时", "correctsEntryId", added.field("id")),
				this.admin);
		assertThat(removed.status()).isEqualTo(201);
		assertThat(removed.field("source")).isEqualTo("CORRECTION");
		assertThat(removed.field("correctsEntryId")).isEqualTo(added.field("id"));
		JsonNode hours = hours(volunteer);
		assertThat(hours.path("honorMinutes").asInt()).isEqualTo(90);
		assertThat(hours.path("coins").asInt()).isZero();
	}

	@Test
	void refusedReasonsAreExplained() {
		Volunteers.Registered volunteer = member();
		for (String reason : new String[] { "OWN_FAILURE", "NO_DEVICE", "NOT_MEMBER", "FORGOT_CHECK_OUT" }) {
			Api.Response refused = honor(volunteer, 60, reason);
			assertThat(refused.status()).isEqualTo(422);
			assertThat(refused.code()).isEqualTo("MAKEUP_REASON_NOT_ALLOWED");
			assertThat(refused.field("explanation")).contains("不予补录");
		}
		assertThat(honor(volunteer, 60, "BECAUSE").code()).isEqualTo("VALIDATION_FAILED");
		assertThat(hours(volunteer).path("honorMinutes").asInt()).isZero();
	}

	@Test
	void aVoidSessionCannotBeMadeUp() {
		Volunteers.Registered volunteer = member();
		String session = this.attendance.checkIn(volunteer.token(), Attendance.newDevice(), this.code)
			.field("sessionId");
		this.attendance.fixClock("2026-11-25T12:31:00+08:00");
		Api.Response refused = this.api.post("/organizations/" + this.college + "/honor-hours", Map.of("accountId",
				volunteer.id(), "minutes", 60, "reason", "NO_SIGNAL", "description", "补录", "sessionId", session),
				this.admin);
		assertThat(refused.code()).isEqualTo("MAKEUP_REASON_NOT_ALLOWED");
	}

	@Test
	void noHoursAreMadeUpForACancelledActivity() {
		Volunteers.Registered volunteer = member();
		String cancelled = this.attendance
			.publish(this.college, this.admin, "2026-11-28T10:00:00+08:00", "2026-11-28T12:00:00+08:00",
					Map.of("membersOnly", false))
			.field("id");
		Api.Response asked = this.api.post("/me/makeup-requests",
				Map.of("organizationId", this.college, "minutes", 60, "reason", "NO_SIGNAL", "activityId", cancelled),
				volunteer.token());
		assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
		assertThat(this.api.post("/activities/" + cancelled + "/cancel", Map.of("reason", "暴雨"), this.admin).status())
			.isEqualTo(200);

		Api.Response recorded = this.api.post("/organizations/" + this.college + "/honor-hours",
				Map.of("accountId", volunteer.id(), "minutes", 60, "reason", "NO_SIGNAL", "activityId", cancelled),
				this.admin);
		assertThat(recorded.status()).isEqualTo(409);
		assertThat(recorded.code()).isEqualTo("ACTIVITY_CANCELLED");
		assertThat(this.api
			.post("/me/makeup-requests",
					Map.of("organizationId", this.college, "minutes", 60, "reason", "NO_SIGNAL", "activityId",
							cancelled),
					volunteer.token())
			.code()).isEqualTo("ACTIVITY_CANCELLED");
		assertThat(this.api.post("/makeup-requests/" + asked.field("id") + "/approve", null, this.admin).code())
			.as("a request made before the cancellation is not approved after it")
			.isEqualTo("ACTIVITY_CANCELLED");
		assertThat(hours(volunteer).path("honorMinutes").asInt()).isZero();
		assertThat(this.api
			.post("/makeup-requests/" + asked.field("id") + "/reject", Map.of("reason", "活动已取消"), this.admin)
			.field("status")).isEqualTo("REJECTED");
	}

	@Test
	void honorHoursNeedAnAdminInScopeAndAMember() {
		Volunteers.Registered volunteer = member();
		Volunteers.Registered stranger = this.volunteers.register();
		assertThat(
				this.api
					.post("/organizations/" + this.college + "/honor-hours",
							Map.of("accountId", volunteer.id(), "minutes", 60, "reason", "NO_SIGNAL", "description",
									"x"),
							volunteer.token())
					.status())
			.isEqualTo(403);
		assertThat(honor(stranger, 60, "NO_SIGNAL").code()).isEqualTo("NOT_ORGANIZATION_MEMBER");
	}

	@Test
	void aVolunteerAsksForAMakeupAndAnAdminDecides() {
		Volunteers.Registered volunteer = member();
		Api.Response asked = this.api.post("/me/makeup-requests", Map.of("organizationId", this.college, "minutes", 90,
				"reason", "NO_SIGNAL", "description", "地下室没有信号", "evidence", "负责人证明：王老师"), volunteer.token());
		assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
		assertThat(asked.field("status")).isEqualTo("PENDING");
		assertThat(
				this.api
					.post("/me/makeup-requests", Map.of("organizationId", this.college, "minutes", 90, "reason",
							"NO_DEVICE", "description", "手机没电"), volunteer.token())
					.code())
			.isEqualTo("MAKEUP_REASON_NOT_ALLOWED");
		assertThat(this.api.get("/organizations/" + this.college + "/makeup-requests?status=PENDING", this.admin)
			.body()
			.toString()).contains(asked.field("id"));
		Api.Response approved = this.api.post("/makeup-requests/" + asked.field("id") + "/approve", null, this.admin);
		assertThat(approved.field("status")).isEqualTo("APPROVED");
		assertThat(this.api.post("/makeup-requests/" + asked.field("id") + "/approve", null, this.admin).code())
			.isEqualTo("ALREADY_DECIDED");
		assertThat(hours(volunteer).path("honorMinutes").asInt()).isEqualTo(90);
		assertThat(this.api.get("/me/makeup-requests", volunteer.token()).body().get(0).path("status").asString())
			.isEqualTo("APPROVED");

		Api.Response second = this.api.post("/me/makeup-requests", Map.of("organizationId", this.college, "minutes", 30,
				"reason", "BEFORE_PLATFORM", "description", "去年的服务"), volunteer.token());
		Api.Response rejected = this.api.post("/makeup-requests/" + second.field("id") + "/reject",
				Map.of("reason", "证明材料不足"), this.admin);
		assertThat(rejected.field("status")).isEqualTo("REJECTED");
		assertThat(rejected.field("decisionReason")).isEqualTo("证明材料不足");
		assertThat(hours(volunteer).path("honorMinutes").asInt()).isEqualTo(90);
	}

	@Test
	void evidenceFilesTravelWithMakeupRequestsAndOnlyTheRightPeopleReadThem() {
		Volunteers.Registered volunteer = member();
		Volunteers.Registered other = member();
		byte[] pdf = "%PDF-1.4\n% evidence\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		Api.Response uploaded = this.api.multipart("/evidence", Map.of(), "file", "证明.pdf", pdf, "application/pdf",
				volunteer.token());
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		assertThat(uploaded.field("contentType")).isEqualTo("application/pdf");
		String file = uploaded.field("id");
		assertThat(this.api
			.multipart("/evidence", Map.of(), "file", "a.txt", "hello".getBytes(), "application/pdf", volunteer.token())
			.code()).isEqualTo("INVALID_FILE");
		assertThat(this.api
			.post("/me/makeup-requests", Map.of("organizationId", this.college, "minutes", 30, "reason", "NO_SIGNAL",
					"description", "别人的材料", "evidenceFileId", file), other.token())
			.code()).isEqualTo("VALIDATION_FAILED");
		Api.Response asked = this.api.post("/me/makeup-requests", Map.of("organizationId", this.college, "minutes", 30,
				"reason", "NO_SIGNAL", "description", "地下室", "evidenceFileId", file), volunteer.token());
		assertThat(asked.field("evidenceFileId")).isEqualTo(file);
		Api.Response read = this.api.get("/evidence/" + file, this.admin);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.bytes()).isEqualTo(pdf);
		// Outside one's scope a file does not exist (no id probing).
		assertThat(this.api.get("/evidence/" + file, other.token()).status()).isEqualTo(404);
		assertThat(read.contentType()).startsWith("application/pdf");
		this.api.post("/makeup-requests/" + asked.field("id") + "/approve", null, this.admin);
		assertThat(this.api.get("/me/hours/entries", volunteer.token()).body().get(0).path("evidenceFileId").asString())
			.isEqualTo(file);
	}

	private Volunteers.Registered member() {
		Volunteers.Registered volunteer = this.volunteers.register();
		this.organizations.addMember(this.college, volunteer.idNumber());
		return volunteer;
	}

	private Api.Response honor(Volunteers.Registered volunteer, int minutes, String reason) {
		return this.api.post("/organizations/" + this.college + "/honor-hours", Map.of("accountId", volunteer.id(),
				"minutes", minutes, "reason", reason, "description", "补录说明", "activityId", this.activityId),
				this.admin);
	}

	private SessionCompleted completed(Volunteers.Registered volunteer, int creditMinutes, String checkedInAt,
			String checkedOutAt) {
		return new SessionCompleted(UUID.randomUUID(), UUID.fromString(volunteer.id()),
				UUID.fromString(this.activityId), UUID.fromString(this.college), creditMinutes,
				Instant.parse(checkedInAt), Instant.parse(checkedOutAt));
	}

	private JsonNode hours(Volunteers.Registered volunteer) {
		return this.api.get("/me/hours", volunteer.token()).body();
	}

}
