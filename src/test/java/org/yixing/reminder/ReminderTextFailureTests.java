package org.yixing.reminder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.IdNumbers;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RULES §13 with a provider that refuses: the notice stays, the text is tried again with
 * backoff, and given up after the last attempt with a log line and a metric. The provider
 * is a local fake of Alibaba Cloud's SMS API, reached over HTTP like the real one.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ReminderTextFailureTests {

	static final HttpServer PROVIDER;

	static final AtomicInteger REFUSALS = new AtomicInteger();

	static final List<Map<String, String>> REQUESTS = new CopyOnWriteArrayList<>();

	static {
		try {
			PROVIDER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		PROVIDER.createContext("/", (exchange) -> {
			Map<String, String> parameters = new TreeMap<>();
			for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
				String[] kv = pair.split("=", 2);
				parameters.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
						URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
			}
			REQUESTS.add(parameters);
			boolean refuse = "SMS_REMIND".equals(parameters.get("TemplateCode"))
					&& REFUSALS.getAndUpdate((n) -> Math.max(0, n - 1)) > 0;
			byte[] body = (refuse ? "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"limit\"}"
					: "{\"Code\":\"OK\",\"Message\":\"OK\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		PROVIDER.start();
	}

	@DynamicPropertySource
	static void aliyun(DynamicPropertyRegistry registry) {
		registry.add("yixing.sms.gateway", () -> "aliyun");
		registry.add("yixing.sms.aliyun.endpoint", () -> "http://127.0.0.1:" + PROVIDER.getAddress().getPort() + "/");
		registry.add("yixing.sms.aliyun.access-key-id", () -> "testid");
		registry.add("yixing.sms.aliyun.access-key-secret", () -> "testsecret");
		registry.add("yixing.sms.aliyun.sign-name", () -> "益行");
		registry.add("yixing.sms.aliyun.template-code", () -> "SMS_CODE");
		registry.add("yixing.sms.aliyun.reminder-template-code", () -> "SMS_REMIND");
	}

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	Attendance attendance;

	Volunteers volunteers;

	String college;

	Registered admin;

	@BeforeAll
	void anOrganization() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		Organizations organizations = new Organizations(this.api);
		this.college = organizations.createTopLevel("短信失败学院");
		this.admin = register();
		organizations.makeAdmin(this.college, this.admin.id());
	}

	@AfterAll
	void stopTheProvider() {
		PROVIDER.stop(0);
	}

	@Test
	void aRefusedTextIsTriedAgainWithBackoffAndTheNoticeStays() {
		Registered volunteer = checkedIn("2026-12-10");
		REFUSALS.set(2);
		runAt("2026-12-10T11:30:00+08:00");
		assertThat(notices(volunteer)).isEqualTo(1);
		assertThat(text(volunteer)).containsEntry("sms_status", "PENDING").containsEntry("sms_attempts", 1);
		runAt("2026-12-10T11:30:50+08:00");
		assertThat(text(volunteer)).as("not before the backoff").containsEntry("sms_attempts", 1);
		runAt("2026-12-10T11:31:00+08:00");
		assertThat(text(volunteer)).containsEntry("sms_status", "PENDING").containsEntry("sms_attempts", 2);
		runAt("2026-12-10T11:33:00+08:00");
		assertThat(text(volunteer)).containsEntry("sms_status", "SENT").containsEntry("sms_attempts", 3);
		assertThat(reminderRequestsTo(volunteer)).hasSize(3)
			.allSatisfy((r) -> assertThat(r.get("TemplateParam")).contains("\"event\":\"截止签退\"")
				.contains("\"time\":\"12月10日12:30\""));
		assertThat(notices(volunteer)).isEqualTo(1);
	}

	@Test
	void aTextRefusedEveryTimeIsGivenUpAfterFiveAttemptsWithALogLineAndAMetric(CapturedOutput output) {
		double failedBefore = this.meters.counter("yixing.reminders.texts", "outcome", "FAILED").count();
		Registered volunteer = checkedIn("2026-12-11");
		REFUSALS.set(100);
		for (String at : new String[] { "11:30", "11:31", "11:33", "11:37", "11:45", "11:50" }) {
			runAt("2026-12-11T" + at + ":00+08:00");
		}
		REFUSALS.set(0);
		assertThat(text(volunteer)).containsEntry("sms_status", "FAILED").containsEntry("sms_attempts", 5);
		assertThat((String) text(volunteer).get("sms_error")).contains("isv.BUSINESS_LIMIT_CONTROL");
		assertThat(reminderRequestsTo(volunteer)).hasSize(5);
		assertThat(notices(volunteer)).isEqualTo(1);
		assertThat(this.meters.counter("yixing.reminders.texts", "outcome", "FAILED").count())
			.isEqualTo(failedBefore + 1);
		assertThat(output.getAll()).contains("given up after 5 attempts");
	}

	@Test
	void aStartReminderWaitingForARetryIsDroppedOnceTheActivityIsCancelledAndTheCancellationGoesInstead() {
		this.attendance.fixClock("2026-12-12T10:00:00+08:00");
		Api.Response activity = this.attendance.publish(this.college, token(this.admin), "2026-12-13T09:00:00+08:00",
				"2026-12-13T11:00:00+08:00", Map.of("membersOnly", false));
		Registered volunteer = register();
		assertThat(this.api.post("/activities/" + activity.field("id") + "/sign-up", null, token(volunteer)).status())
			.isEqualTo(201);
		REFUSALS.set(1);
		runAt("2026-12-12T20:00:00+08:00");
		assertThat(texts(volunteer)).containsEntry("EVE", "PENDING");
		assertThat(this.api
			.post("/activities/" + activity.field("id") + "/cancel", Map.of("reason", "场地维修"), token(this.admin))
			.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> texts(volunteer).containsKey("CANCELLED"));
		runAt("2026-12-12T20:01:00+08:00");
		assertThat(texts(volunteer)).containsEntry("EVE", "CANCELLED").containsEntry("CANCELLED", "SENT");
		assertThat(reminderRequestsTo(volunteer)).hasSize(2)
			.last()
			.satisfies((r) -> assertThat(r.get("TemplateParam")).contains("\"event\":\"开始，现已取消\"")
				.contains("\"time\":\"12月13日09:00\""));
	}

	/**
	 * A volunteer checked in at 10:05 to a 10:00–12:00 activity reminded an hour ahead.
	 */
	private Registered checkedIn(String day) {
		Api.Response activity = this.attendance.publish(this.college, token(this.admin), day + "T10:00:00+08:00",
				day + "T12:00:00+08:00", Map.of("membersOnly", false, "reminderMinutes", 60));
		this.attendance.fixClock(day + "T10:05:00+08:00");
		Registered volunteer = register();
		assertThat(this.attendance.checkIn(token(volunteer), Attendance.newDevice(), activity.field("checkInCode"))
			.status()).isEqualTo(201);
		return volunteer;
	}

	/** Registration reads its code from what the provider received. */
	private Registered register() {
		String phone = IdNumbers.randomPhone();
		String idNumber = IdNumbers.random();
		assertThat(this.api.post("/sms-codes", Map.of("phone", phone, "purpose", "REGISTER")).status()).isEqualTo(202);
		String code = JsonMapper.builder()
			.build()
			.readTree(REQUESTS.reversed()
				.stream()
				.filter((r) -> phone.equals(r.get("PhoneNumbers")))
				.findFirst()
				.orElseThrow()
				.get("TemplateParam"))
			.path("code")
			.asString();
		Api.Response created = this.api.post("/accounts", Map.of("realName", "测试志愿者", "idNumber", idNumber, "phone",
				phone, "smsCode", code, "password", Volunteers.PASSWORD, "regionCode", "420100"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return new Registered(created.field("id"), idNumber, phone);
	}

	private String token(Registered who) {
		return this.volunteers.login(who.idNumber(), Volunteers.PASSWORD);
	}

	private void runAt(String now) {
		this.attendance.fixClock(now);
		assertThat(this.api.post("/dev/reminders/run", null).status()).isEqualTo(200);
	}

	private int notices(Registered volunteer) {
		return this.jdbc
			.sql("SELECT count(*) FROM notices WHERE account_id = CAST(? AS uuid) AND kind LIKE 'REMINDER%'")
			.param(volunteer.id())
			.query(Integer.class)
			.single();
	}

	private Map<String, Object> text(Registered volunteer) {
		return this.jdbc
			.sql("SELECT sms_status, sms_attempts, sms_error FROM reminders WHERE account_id = CAST(? AS uuid)")
			.param(volunteer.id())
			.query()
			.singleRow();
	}

	/** The text state of each of the volunteer's reminders, by kind. */
	private Map<String, String> texts(Registered volunteer) {
		Map<String, String> byKind = new TreeMap<>();
		for (Map<String, Object> row : this.jdbc
			.sql("SELECT kind, sms_status FROM reminders WHERE account_id = CAST(? AS uuid)")
			.param(volunteer.id())
			.query()
			.listOfRows()) {
			byKind.put((String) row.get("kind"), (String) row.get("sms_status"));
		}
		return byKind;
	}

	private List<Map<String, String>> reminderRequestsTo(Registered volunteer) {
		return REQUESTS.stream()
			.filter((r) -> volunteer.phone().equals(r.get("PhoneNumbers"))
					&& "SMS_REMIND".equals(r.get("TemplateCode")))
			.toList();
	}

	record Registered(String id, String idNumber, String phone) {
	}

}
