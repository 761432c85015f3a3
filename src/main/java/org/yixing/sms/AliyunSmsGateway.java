package org.yixing.sms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.yixing.shared.StartRefused;
import org.yixing.shared.web.LongWaits;

/**
 * Alibaba Cloud SMS ({@code SendSms}, API version 2017-05-25) over HTTPS with the RPC
 * signature method HMAC-SHA1, version 1.0. A verification code's template receives the
 * code as {@code {"code": "123456"}}; reminders (RULES §13) go through a notification
 * template of their own, which receives {@code activity}, {@code time} and {@code event}
 * (docs/OPERATIONS.md).
 */
class AliyunSmsGateway implements SmsGateway {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private final SmsSettings.Aliyun settings;

	private final Clock clock;

	private final JsonMapper json;

	private final HttpClient http;

	private final LongWaits waits;

	AliyunSmsGateway(SmsSettings.Aliyun settings, Clock clock, JsonMapper json, LongWaits waits) {
		if (settings.accessKeyId().isBlank() || settings.accessKeySecret().isBlank() || settings.signName().isBlank()
				|| settings.templateCode().isBlank()) {
			throw new StartRefused(
					"yixing.sms.gateway=aliyun needs yixing.sms.aliyun.access-key-id, "
							+ "access-key-secret, sign-name and template-code",
					"Set all four (docs/OPERATIONS.md, \"SMS provider\"), or keep the outbox gateway "
							+ "(YIXING_SMS_GATEWAY=outbox).");
		}
		this.settings = settings;
		this.clock = clock;
		this.json = json;
		this.waits = waits;
		this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
	}

	@Override
	public void send(SmsMessage message) {
		Map<String, String> parameters = new TreeMap<>();
		parameters.put("AccessKeyId", this.settings.accessKeyId());
		parameters.put("Action", "SendSms");
		parameters.put("Format", "JSON");
		parameters.put("RegionId", this.settings.regionId());
		parameters.put("SignatureMethod", "HMAC-SHA1");
		parameters.put("SignatureNonce", UUID.randomUUID().toString());
		parameters.put("SignatureVersion", "1.0");
		parameters.put("Timestamp", TIMESTAMP.format(this.clock.instant()));
		parameters.put("Version", "2017-05-25");
		parameters.put("PhoneNumbers", message.phone().value());
		parameters.put("SignName", this.settings.signName());
		String template = message.reminder() ? this.settings.reminderTemplateCode() : this.settings.templateCode();
		if (template.isBlank()) {
			throw new SmsDeliveryException("yixing.sms.aliyun.reminder-template-code (YIXING_SMS_REMINDER_TEMPLATE) "
					+ "is not set: reminder texts cannot be sent");
		}
		parameters.put("TemplateCode", template);
		parameters.put("TemplateParam", this.json.writeValueAsString(new TreeMap<>(message.templateParameters())));
		String query = canonicalQuery(parameters);
		String signature = sign(this.settings.accessKeySecret(), "GET", query);
		URI uri = URI.create(this.settings.endpoint() + "?Signature=" + percentEncode(signature) + "&" + query);
		HttpResponse<String> response;
		try {
			response = this.waits.send(this.http,
					HttpRequest.newBuilder(uri).timeout(this.settings.timeout()).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new SmsDeliveryException("Alibaba Cloud SMS unreachable", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SmsDeliveryException("Interrupted while sending SMS", ex);
		}
		JsonNode body = this.json.readTree(response.body());
		String code = body.path("Code").asString("");
		if (response.statusCode() != 200 || !"OK".equals(code)) {
			throw new SmsDeliveryException(
					"Alibaba Cloud SMS refused the message: " + code + " " + body.path("Message").asString(""));
		}
	}

	static String canonicalQuery(Map<String, String> sortedParameters) {
		return sortedParameters.entrySet()
			.stream()
			.map((e) -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	static String sign(String accessKeySecret, String method, String canonicalQuery) {
		String stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery);
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA1 unavailable", ex);
		}
	}

	/**
	 * RFC 3986 encoding as the signature method requires: space → %20, * → %2A, ~ kept.
	 */
	static String percentEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8)
			.replace("+", "%20")
			.replace("*", "%2A")
			.replace("%7E", "~");
	}

}
