package org.yixing.activity;

import java.time.Instant;

/**
 * An admin cancelled an activity nobody had checked in to (取消活动, RULES §5): its signed-up
 * volunteers are told, once.
 *
 * @param startAt when it was to start
 * @param reason the admin's reason, as given
 */
public record ActivityCancelled(ActivityId activityId, String title, Instant startAt, String reason) {
}
