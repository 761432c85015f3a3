package org.yixing.sms;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param gateway {@code outbox} (default: messages kept in memory, readable through the
 * dev tools) or {@code aliyun}
 * @param aliyun settings of the Alibaba Cloud SMS adapter: its verification-code template
 * and, for reminders (RULES §13), a notification template
 */
@ConfigurationProperties("yixing.sms")
record SmsSettings(@DefaultValue("outbox") String gateway, @DefaultValue Aliyun aliyun) {

	record Aliyun(@DefaultValue("https://dysmsapi.aliyuncs.com/") String endpoint, @DefaultValue("") String accessKeyId,
			@DefaultValue("") String accessKeySecret, @DefaultValue("") String signName,
			@DefaultValue("") String templateCode, @DefaultValue("") String reminderTemplateCode,
			@DefaultValue("cn-hangzhou") String regionId, @DefaultValue("5s") Duration timeout) {
	}

}
