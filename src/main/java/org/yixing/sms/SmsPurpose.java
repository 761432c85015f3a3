package org.yixing.sms;

/** What a code may be used for; a code serves exactly one purpose. */
public enum SmsPurpose {

	REGISTER("注册"), RESET_PASSWORD("找回密码"), BIND_PHONE("绑定手机号");

	private final String label;

	SmsPurpose(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
