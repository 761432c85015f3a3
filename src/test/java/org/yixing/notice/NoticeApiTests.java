package org.yixing.notice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.RetentionRuns;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A volunteer is told what was decided on their membership requests (RULES §4). */
@ApiTest
class NoticeApiTests {

	@Autowired
	Api api;

	@Autowired
	Notices notices;

	@Autowired
	NoticeRetention retention;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NoticesFromDecisions fromDecisions;

	@Test
	void anApprovedAndARejectedRequestBecomeNoticesInTheReadersLanguage() {
		Organizations organizations = new Organizations(this.api);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		String accounting = organizations.createTopLevel("会计学院志愿者协会");
		String finance = organizations.createTopLevel("金融学院志愿者协会");
		String staff = organizations.staffToken();
		this.api.post("/membership-requests/" + organizations.apply(accounting, volunteer.token()) + "/approve", null,
				staff);
		this.api.post("/membership-requests/" + organizations.apply(finance, volunteer.token()) + "/reject",
				Map.of("reason", "请先参加培训"), staff);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.get("/me/notices", volunteer.token()).body().size() == 2);
		Api.Response notices = this.api.get("/me/notices", volunteer.token());
		assertThat(notices.body().findValuesAsString("text")).containsExactlyInAnyOrder("您加入「会计学院志愿者协会」的申请已通过审核",
				"您加入「金融学院志愿者协会」的申请未通过：请先参加培训");
		Api.Response english = this.api.send("GET", "/me/notices", null, volunteer.token(),
				Map.of("Accept-Language", "en"));
		assertThat(english.body().findValuesAsString("text")).contains("Your request to join 会计学院志愿者协会 was approved");
		assertThat(this.api.get("/me/notices", null).code()).isEqualTo("UNAUTHENTICATED");
	}

	/**
	 * Spring Modulith delivers an event again when its listener did not finish (a
	 * restart, a failure after the notice was written): the volunteer is told once. A
	 * second decision of the same kind is a notice of its own.
	 */
	@Test
	void anEventDeliveredAgainTellsNobodyTwice() {
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		UUID account = UUID.fromString(volunteer.id());
		org.yixing.organization.OrganizationId organization = new org.yixing.organization.OrganizationId(
				UUID.randomUUID());
		org.yixing.organization.MembershipDecided rejected = new org.yixing.organization.MembershipDecided(
				new org.yixing.identity.AccountId(account), organization, "会计学院志愿者协会", false, "请先参加培训",
				UUID.randomUUID());
		org.yixing.attendance.SessionVoided voided = new org.yixing.attendance.SessionVoided(UUID.randomUUID(), account,
				UUID.randomUUID(), "图书馆整理", "定位异常");
		// the listener itself, as a redelivery calls it (its proxy would run it later, on
		// another thread)
		NoticesFromDecisions listener = org.springframework.test.util.AopTestUtils
			.getUltimateTargetObject(this.fromDecisions);
		for (int delivery = 0; delivery < 2; delivery++) {
			this.transactions.executeWithoutResult((status) -> {
				listener.on(rejected);
				listener.on(voided);
			});
		}
		assertThat(this.api.get("/me/notices", volunteer.token()).body().findValuesAsString("text"))
			.containsExactlyInAnyOrder("您加入「会计学院志愿者协会」的申请未通过：请先参加培训", "管理员已将您在「图书馆整理」的签到作废，原因：定位异常");

		this.transactions.executeWithoutResult((status) -> listener.on(new org.yixing.organization.MembershipDecided(
				new org.yixing.identity.AccountId(account), organization, "会计学院志愿者协会", true, null, UUID.randomUUID())));
		assertThat(this.api.get("/me/notices", volunteer.token()).body()).hasSize(3);
	}

	/**
	 * A notice its module gave an expiry is gone from that instant on, and deleted by the
	 * next retention run; a notice without one stays.
	 */
	@Test
	void anExpiredNoticeIsGoneAndThenDeleted() {
		Attendance clock = new Attendance(this.api);
		clock.fixClock("2027-01-10T09:00:00+08:00");
		Volunteers volunteers = new Volunteers(this.api);
		Volunteers.Registered volunteer = volunteers.register();
		UUID account = UUID.fromString(volunteer.id());
		Instant expiry = Instant.parse("2027-01-11T01:00:00Z");
		this.transactions.executeWithoutResult((status) -> this.notices.addAll(List.of(
				new Notices.NewNotice(account, "REMINDER_HOUR_BEFORE", "过期测试活动", "2027-01-10 10:00", "/activities",
						expiry),
				new Notices.NewNotice(account, "REMINDER_HOUR_BEFORE", "长期测试活动", "2027-01-10 10:00", "/activities",
						null))));
		assertThat(texts(volunteer)).hasSize(2);

		clock.fixClock("2027-01-11T08:59:59+08:00");
		assertThat(RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteExpiredNotices(1))).isZero();
		assertThat(texts(volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD))).hasSize(2);
		clock.fixClock("2027-01-11T09:00:00+08:00");
		String token = volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
		assertThat(texts(token)).singleElement().asString().contains("长期测试活动");
		assertThat(RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteExpiredNotices(1))).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM notices WHERE account_id = ?")
			.param(account)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	private List<String> texts(Volunteers.Registered volunteer) {
		return texts(volunteer.token());
	}

	private List<String> texts(String token) {
		return this.api.get("/me/notices", token).body().findValuesAsString("text");
	}

}
