package org.yixing.shared.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.IdNumbers;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key}: a retried POST returns the first answer and does nothing twice
 * — sequentially, and when the retries race the first attempt.
 */
@ApiTest
class IdempotencyKeyApiTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRetriedCheckInAndCheckOutReturnTheFirstAnswerAndCountOnce() {
		Attendance attendance = new Attendance(this.api);
		Organizations organizations = new Organizations(this.api);
		attendance.fixClock("2026-12-01T10:00:00+08:00");
		String organization = organizations.createTopLevel("幂等协会" + System.nanoTime() % 100_000);
		String code = attendance
			.publish(organization, organizations.staffToken(), "2026-12-01T09:30:00+08:00", "2026-12-01T12:00:00+08:00",
					new HashMap<>(Map.of("membersOnly", false)))
			.field("checkInCode");
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		String device = Attendance.newDevice();
		Map<String, Object> body = Attendance.checkInBody(code, Attendance.LAT, Attendance.LNG);
		String key = UUID.randomUUID().toString();
		Api.Response first = post("/check-ins", body, volunteer.token(), device, key);
		Api.Response retry = post("/check-ins", body, volunteer.token(), device, key);
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.text()).isEqualTo(first.text());
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		// without the key the same request is a second check-in, refused
		assertThat(post("/check-ins", body, volunteer.token(), device, null).code()).isEqualTo("ALREADY_CHECKED_IN");
		assertThat(sessions(volunteer.id())).isEqualTo(1);

		String session = first.field("sessionId");
		attendance.fixClock("2026-12-01T11:30:00+08:00");
		Map<String, Object> out = Map.of("location",
				Map.of("lat", Attendance.LAT, "lng", Attendance.LNG, "accuracyMeters", 8), "coordinateSystem", "WGS84");
		String outKey = UUID.randomUUID().toString();
		Api.Response checkedOut = post("/check-ins/" + session + "/check-out", out, volunteer.token(), device, outKey);
		assertThat(checkedOut.status()).as(checkedOut.toString()).isEqualTo(200);
		assertThat(post("/check-ins/" + session + "/check-out", out, volunteer.token(), device, outKey).text())
			.isEqualTo(checkedOut.text());
		// the same key with another request is a mistake, not a retry
		assertThat(post("/check-ins", Map.of("checkInCode", "000000"), volunteer.token(), device, key).status())
			.isEqualTo(400);
	}

	@Test
	void racingRetriesOfARegistrationCreateOneAccountAndAllGetItsAnswer() throws Exception {
		String phone = IdNumbers.randomPhone();
		String idNumber = IdNumbers.random();
		String sms = new Volunteers(this.api).sendCode(phone, "REGISTER");
		Map<String, Object> body = Map.of("realName", "测试志愿者", "idNumber", idNumber, "phone", phone, "smsCode", sms,
				"password", Volunteers.PASSWORD, "regionCode", "420100");
		String key = UUID.randomUUID().toString();
		ExecutorService pool = Executors.newFixedThreadPool(6);
		List<Future<Api.Response>> answers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			answers.add(pool.submit((Callable<Api.Response>) () -> post("/accounts", body, null, null, key)));
		}
		List<String> bodies = new ArrayList<>();
		String id = answers.get(0).get().field("id");
		for (Future<Api.Response> answer : answers) {
			Api.Response response = answer.get();
			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			bodies.add(response.text());
		}
		pool.shutdown();
		assertThat(bodies).containsOnly(bodies.get(0));
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM accounts WHERE id = ?::uuid").param(id).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aClaimAndAMakeupRequestRetriedWithTheirKeysAreStoredOnce() {
		Organizations organizations = new Organizations(this.api);
		String staff = organizations.staffToken();
		String organization = organizations.createTopLevel("幂等保险协会" + System.nanoTime() % 100_000);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		organizations.addMember(organization, volunteer.idNumber());
		String product = this.api
			.post("/admin/insurance-products", Map.of("insurer", "测试保险", "planName", "志愿者意外险", "coverageStart",
					"2026-01-01", "coverageEnd", "2026-12-31"), staff)
			.field("id");
		String key = UUID.randomUUID().toString();
		Api.Response claim = post("/insurance-products/" + product + "/claims", null, volunteer.token(), null, key);
		assertThat(claim.status()).as(claim.toString()).isEqualTo(201);
		Api.Response again = post("/insurance-products/" + product + "/claims", null, volunteer.token(), null, key);
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.text()).isEqualTo(claim.text());

		Map<String, Object> makeup = Map.of("organizationId", organization, "minutes", 60, "reason", "NO_SIGNAL",
				"description", "现场没有信号", "serviceDate", "2026-11-20");
		String makeupKey = UUID.randomUUID().toString();
		assertThat(post("/me/makeup-requests", makeup, volunteer.token(), null, makeupKey).status()).isEqualTo(201);
		assertThat(post("/me/makeup-requests", makeup, volunteer.token(), null, makeupKey).status()).isEqualTo(201);
		assertThat(this.jdbc.sql("SELECT count(*) FROM makeup_requests WHERE account_id = ?::uuid")
			.param(volunteer.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		// another caller's key of the same name is theirs alone
		Volunteers.Registered other = new Volunteers(this.api).register();
		Api.Response theirs = post("/insurance-products/" + product + "/claims", null, other.token(), null, key);
		assertThat(theirs.status()).isEqualTo(201);
		assertThat(theirs.text()).isNotEqualTo(claim.text());
	}

	private long sessions(String account) {
		return this.jdbc.sql("SELECT count(*) FROM attendance_sessions WHERE account_id = ?::uuid")
			.param(account)
			.query(Long.class)
			.single();
	}

	private Api.Response post(String path, Object body, String token, String device, String key) {
		Map<String, String> headers = new HashMap<>();
		if (device != null) {
			headers.put("X-Device-Id", device);
		}
		if (key != null) {
			headers.put("Idempotency-Key", key);
		}
		return this.api.send("POST", path, body, token, headers);
	}

}
