package org.yixing.attendance;

import java.time.Instant;
import java.util.UUID;

import org.yixing.activity.ActivityId;

/**
 * A place freed before the start went to the first on the activity's waitlist (候补, RULES
 * §5): the volunteer is signed up and must hear of it.
 *
 * @param promotionId this promotion, one per place given
 * @param startAt when the activity starts
 */
public record WaitlistPromoted(UUID promotionId, ActivityId activityId, UUID accountId, String title, Instant startAt) {
}
