package org.yixing.reminder;

/**
 * What a reminder is about. The first two remind a volunteer still checked in, the others
 * one signed up for an activity or waiting for a place (候补).
 */
enum ReminderKind {

	/** Before the check-out deadline, by the activity's 签退提醒 lead. */
	CHECK_OUT("截止签退"),

	/** At 23:40, when midnight will close the session before its deadline. */
	MIDNIGHT("零点结束计时"),

	/** At 20:00 the evening before the start. */
	EVE("开始"),

	/** One hour before the start. */
	HOUR_BEFORE("开始"),

	/**
	 * The activity was cancelled (取消活动), at once; its text only until the start it names.
	 */
	CANCELLED("开始，现已取消"),

	/**
	 * The activity's time or place changed (its subject is the change); its text only
	 * until the new start.
	 */
	MOVED("开始（时间或地点有变动）"),

	/**
	 * An admin's message to the activity's volunteers (活动通知; its subject is the message):
	 * a notice only, never a text.
	 */
	MESSAGE(""),

	/**
	 * A place freed and went to the volunteer waiting for it (候补; its subject is the
	 * promotion): they are signed up; its text only until the start.
	 */
	PROMOTED("开始（候补成功，已为您报名）"),

	/**
	 * The activity started while the volunteer still waited for a place (候补; its subject
	 * is the activity): no place came. A notice only, never a text.
	 */
	WAITLIST_ENDED("");

	private final String event;

	ReminderKind(String event) {
		this.event = event;
	}

	/** What happens at the reminder's moment, for the text template's {@code event}. */
	String event() {
		return this.event;
	}

	/** Whether the volunteer may be texted about it (短信提醒), or told by a notice only. */
	boolean texted() {
		return this != MESSAGE && this != WAITLIST_ENDED;
	}

	boolean aboutASession() {
		return this == CHECK_OUT || this == MIDNIGHT;
	}

}
