package org.yixing.activity;

import java.time.Instant;

/**
 * An admin moved an activity's end or its check-out grace: open sessions get a new
 * check-out deadline.
 */
public record ActivityRescheduled(ActivityId activityId, Instant checkOutDeadline) {
}
