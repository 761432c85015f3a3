package org.yixing.activity;

import org.jspecify.annotations.Nullable;

/**
 * An activity as a volunteer's pages show it: the rules check-in applies and what the
 * service record says (place, content, lead).
 *
 * @param cancellationReason why it was cancelled (取消活动), when it was
 */
public record ActivityDetails(CheckInActivity checkIn, ServiceRecord record, @Nullable String cancellationReason) {

	static ActivityDetails of(Activity activity) {
		return new ActivityDetails(activity.forCheckIn(), activity.serviceRecord(),
				(activity.cancellation() != null) ? activity.cancellation().reason() : null);
	}

}
