package org.yixing.sms;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dev tools (docs/API.md): reads back what the outbox gateway "sent". */
@RestController
@ConditionalOnBooleanProperty("yixing.dev-tools")
class DevSmsOutboxController {

	private final SmsGateway gateway;

	DevSmsOutboxController(SmsGateway gateway) {
		this.gateway = gateway;
	}

	@GetMapping("/api/v1/dev/sms-outbox")
	List<OutboxSmsGateway.SentMessage> outbox(@RequestParam(required = false) @Nullable String phone) {
		if (!(this.gateway instanceof OutboxSmsGateway outbox)) {
			return List.of();
		}
		return outbox.messages((phone != null && !phone.isBlank()) ? PhoneNumber.parse(phone).value() : null);
	}

}
