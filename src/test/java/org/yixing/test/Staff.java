package org.yixing.test;

/** The bootstrap staff account of the test profile (application-test.properties). */
public final class Staff {

	public static final String ID_NUMBER = "110105198505050126";

	public static final String PASSWORD = "Staff2026";

	private Staff() {
	}

}
