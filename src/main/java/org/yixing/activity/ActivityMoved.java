package org.yixing.activity;

import java.time.Instant;
import java.util.UUID;

/**
 * An admin changed when or where an activity that has not ended takes place: its start,
 * its end or its place. Its signed-up volunteers are told, once per change.
 *
 * @param changeId this change, one per edit
 * @param place the place as it is now (blank when none is given)
 */
public record ActivityMoved(UUID changeId, ActivityId activityId, String title, Instant startAt, Instant endAt,
		String place) {
}
