package org.yixing.sms;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Delivers one text message; throws {@link SmsDeliveryException} when it cannot. */
public interface SmsGateway {

	/** The purpose of every reminder text (RULES §13), beside the codes' purposes. */
	String REMINDER = "REMINDER";

	void send(SmsMessage message);

	/**
	 * @param phone the receiving number
	 * @param purpose a {@link SmsPurpose} for a verification code, or {@link #REMINDER}
	 * @param code the plain code, for a verification code
	 * @param templateParameters what the provider's template receives
	 * @param text the full text, for gateways that send free text
	 */
	record SmsMessage(PhoneNumber phone, String purpose, @Nullable String code, Map<String, String> templateParameters,
			String text) {

		static SmsMessage code(PhoneNumber phone, SmsPurpose purpose, String code, String text) {
			return new SmsMessage(phone, purpose.name(), code, Map.of("code", code), text);
		}

		static SmsMessage reminder(PhoneNumber phone, Map<String, String> templateParameters, String text) {
			return new SmsMessage(phone, REMINDER, null, templateParameters, text);
		}

		boolean reminder() {
			return REMINDER.equals(this.purpose);
		}

	}

	class SmsDeliveryException extends RuntimeException {

		public SmsDeliveryException(String message, Throwable cause) {
			super(message, cause);
		}

		public SmsDeliveryException(String message) {
			super(message);
		}

	}

}
