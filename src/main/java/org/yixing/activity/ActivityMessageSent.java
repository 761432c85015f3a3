package org.yixing.activity;

import java.time.Instant;
import java.util.UUID;

/**
 * An admin sent a message to an activity's volunteers (活动通知, RULES §13): those signed up,
 * waiting for a place (候补) and those who checked in are told, once each.
 *
 * @param messageId the message, one per send
 * @param endAt when the activity ends, which the notice is kept past
 */
public record ActivityMessageSent(UUID messageId, ActivityId activityId, String title, String text, Instant sentAt,
		Instant endAt) {
}
