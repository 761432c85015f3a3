package org.yixing.sms;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.shared.Secrets;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;
import org.yixing.shared.StartRefused;
import org.yixing.shared.web.LongWaits;

@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

	@Bean
	SmsGateway smsGateway(SmsSettings settings, Clock clock, JsonMapper json, JdbcClient jdbc, Secrets secrets,
			LongWaits waits) {
		return switch (settings.gateway()) {
			case "outbox" -> new OutboxSmsGateway(jdbc, secrets, json, clock);
			case "aliyun" -> new AliyunSmsGateway(settings.aliyun(), clock, json, waits);
			default -> throw new StartRefused("Unknown SMS gateway '" + settings.gateway() + "' (yixing.sms.gateway)",
					"Set YIXING_SMS_GATEWAY to outbox or aliyun.");
		};
	}

}
