package org.yixing.hours;

/**
 * Why honor hours are made up (RULES §8). Only the first four qualify; the others are the
 * volunteer's own failures and are refused with their explanation.
 */
enum MakeupReason {

	NO_SIGNAL(true), ADMIN_SETUP_ERROR(true), OFF_CAMPUS_RECOGNISED(true), BEFORE_PLATFORM(true),

	OWN_FAILURE(false), NO_DEVICE(false), NOT_MEMBER(false), FORGOT_CHECK_OUT(false);

	private final boolean allowed;

	MakeupReason(boolean allowed) {
		this.allowed = allowed;
	}

	boolean allowed() {
		return this.allowed;
	}

	String explanationKey() {
		return "makeup.reason." + name();
	}

}
