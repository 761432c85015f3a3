package org.yixing.activity;

/**
 * An admin raised or removed the capacity of an activity that has not started: the places
 * it added go to the activity's waitlist (候补, RULES §5).
 */
public record ActivityPlacesAdded(ActivityId activityId) {
}
