package org.yixing.activity;

import java.util.UUID;

/**
 * Who an activity's 活动通知 are for (RULES §13): the volunteers signed up, waiting for a
 * place or checked in. The attendance module answers; the activity module only states the
 * question, so that it does not depend on attendance.
 */
public interface ActivityAudience {

	boolean includes(ActivityId activity, UUID accountId);

}
