package org.yixing.hours;

/**
 * Why honor hours are made up (RULES §8). Only the first four qualify; the next four are
 * the volunteer's own failures and are refused with their explanation. CORRECTION only
 * removes minutes an organization granted by mistake.
 */
enum MakeupReason {

	NO_SIGNAL(true), ADMIN_SETUP_ERROR(true), OFF_CAMPUS_RECOGNISED(true), BEFORE_PLATFORM(true),

	OWN_FAILURE(false), NO_DEVICE(false), NOT_MEMBER(false), FORGOT_CHECK_OUT(false),

	CORRECTION(false);

	private final boolean allowed;

	MakeupReason(boolean allowed) {
		this.allowed = allowed;
	}

	/** A reason that qualifies for adding minutes. */
	boolean allowed() {
		return this.allowed;
	}

	/** A reason refused for any makeup (not CORRECTION, which is for removals only). */
	boolean refused() {
		return !this.allowed && this != CORRECTION;
	}

	/** Minutes may be removed for any qualifying reason, or as a correction. */
	boolean allowsRemoval() {
		return this.allowed || this == CORRECTION;
	}

	String explanationKey() {
		return "makeup.reason." + name();
	}

}
