package org.yixing.sms;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yixing.shared.web.LongWaits;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Alibaba Cloud adapter against a local fake of its HTTP API. */
class AliyunSmsGatewayTests {

	static final String SECRET = "testsecret";

	HttpServer server;

	final AtomicReference<String> query = new AtomicReference<>();

	String reminderTemplate = "SMS_REMIND";

	final AtomicReference<String> answer = new AtomicReference<>(
			"{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"1\",\"RequestId\":\"r\"}");

	@BeforeEach
	void startFakeProvider() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.query.set(exchange.getRequestURI().getRawQuery());
			byte[] body = this.answer.get().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void sendsASignedSendSmsRequestWithTheCodeAsTemplateParameter() {
		gateway().send(message());
		Map<String, String> parameters = decode(this.query.get());
		assertThat(parameters).containsEntry("Action", "SendSms")
			.containsEntry("Version", "2017-05-25")
			.containsEntry("PhoneNumbers", "13800000001")
			.containsEntry("SignName", "益行")
			.containsEntry("TemplateCode", "SMS_1")
			.containsEntry("TemplateParam", "{\"code\":\"123456\"}")
			.containsEntry("SignatureMethod", "HMAC-SHA1")
			.containsEntry("Timestamp", "2026-11-25T00:00:00Z");
		String signature = parameters.remove("Signature");
		String canonical = AliyunSmsGateway.canonicalQuery(new TreeMap<>(parameters));
		assertThat(signature).isEqualTo(AliyunSmsGateway.sign(SECRET, "GET", canonical));
	}

	@Test
	void aReminderGoesThroughItsOwnNotificationTemplateWithTheActivityAndTheTime() {
		gateway().send(SmsGateway.SmsMessage.reminder(PhoneNumber.parse("13800000001"),
				Map.of("activity", "图书馆志愿服务", "time", "12-02 17:30", "event", "截止签退"), "text"));
		assertThat(decode(this.query.get())).containsEntry("TemplateCode", "SMS_REMIND")
			.containsEntry("TemplateParam", "{\"activity\":\"图书馆志愿服务\",\"event\":\"截止签退\",\"time\":\"12-02 17:30\"}");
	}

	@Test
	void aReminderWithoutANotificationTemplateIsADeliveryFailureThatSaysWhatToSet() {
		this.reminderTemplate = "";
		assertThatThrownBy(() -> gateway().send(SmsGateway.SmsMessage.reminder(PhoneNumber.parse("13800000001"),
				Map.of("activity", "a", "time", "t", "event", "e"), "text")))
			.isInstanceOf(SmsGateway.SmsDeliveryException.class)
			.hasMessageContaining("YIXING_SMS_REMINDER_TEMPLATE");
		assertThat(this.query.get()).isNull();
	}

	@Test
	void theSignatureMatchesAnIndependentlyComputedHmacSha1() {
		// Computed with Python's hmac/base64/urllib, not with this code.
		assertThat(AliyunSmsGateway.sign(SECRET, "GET",
				"AccessKeyId=testid&Action=SendSms&TemplateParam=%7B%22code%22%3A%22123456%22%7D"))
			.isEqualTo("M5DY4Z+ooxQkW1oCsLsgO0jx4f8=");
	}

	@Test
	void percentEncodingFollowsRfc3986AsTheSignatureMethodRequires() {
		assertThat(AliyunSmsGateway.percentEncode("a b*c~d/益")).isEqualTo("a%20b%2Ac~d%2F%E7%9B%8A");
	}

	@Test
	void aRefusalByTheProviderIsADeliveryFailure() {
		this.answer.set("{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"limit\"}");
		assertThatThrownBy(() -> gateway().send(message())).isInstanceOf(SmsGateway.SmsDeliveryException.class)
			.hasMessageContaining("isv.BUSINESS_LIMIT_CONTROL");
	}

	@Test
	void anUnreachableProviderIsADeliveryFailure() {
		this.server.stop(0);
		assertThatThrownBy(() -> gateway().send(message())).isInstanceOf(SmsGateway.SmsDeliveryException.class);
	}

	@Test
	void missingCredentialsStopTheStart() {
		assertThatThrownBy(() -> new AliyunSmsGateway(
				new SmsSettings.Aliyun("http://127.0.0.1:1/", "", "", "", "", "", "cn-hangzhou", Duration.ofSeconds(1)),
				Clock.systemUTC(), JsonMapper.builder().build(), new LongWaits()))
			.isInstanceOf(IllegalStateException.class);
	}

	private AliyunSmsGateway gateway() {
		SmsSettings.Aliyun settings = new SmsSettings.Aliyun(
				"http://127.0.0.1:" + this.server.getAddress().getPort() + "/", "testid", SECRET, "益行", "SMS_1",
				this.reminderTemplate, "cn-hangzhou", Duration.ofSeconds(2));
		return new AliyunSmsGateway(settings, Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC),
				JsonMapper.builder().build(), new LongWaits());
	}

	private static SmsGateway.SmsMessage message() {
		return SmsGateway.SmsMessage.code(PhoneNumber.parse("13800000001"), SmsPurpose.REGISTER, "123456", "text");
	}

	private static Map<String, String> decode(String rawQuery) {
		Map<String, String> parameters = new TreeMap<>();
		for (String pair : rawQuery.split("&")) {
			String[] kv = pair.split("=", 2);
			parameters.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
					URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
		}
		return parameters;
	}

}
