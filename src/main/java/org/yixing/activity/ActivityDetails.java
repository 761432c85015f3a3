package org.yixing.activity;

/**
 * An activity as a volunteer's pages show it: the rules check-in applies and what the
 * service record says (place, content, lead).
 */
public record ActivityDetails(CheckInActivity checkIn, ServiceRecord record) {

	static ActivityDetails of(Activity activity) {
		return new ActivityDetails(activity.forCheckIn(), activity.serviceRecord());
	}

}
