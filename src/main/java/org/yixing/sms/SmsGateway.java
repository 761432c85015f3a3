package org.yixing.sms;

/** Delivers one text message; throws {@link SmsDeliveryException} when it cannot. */
public interface SmsGateway {

	void send(SmsMessage message);

	/**
	 * @param phone the receiving number
	 * @param purpose what the code is for
	 * @param code the plain code, handed to the provider's template
	 * @param text the full text, for gateways that send free text
	 */
	record SmsMessage(PhoneNumber phone, SmsPurpose purpose, String code, String text) {
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
