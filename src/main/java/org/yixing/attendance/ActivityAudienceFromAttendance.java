package org.yixing.attendance;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityAudience;
import org.yixing.activity.ActivityId;

/** {@link ActivityAudience}: signed up, waiting for a place (候补), or checked in. */
@Component
class ActivityAudienceFromAttendance implements ActivityAudience {

	private final AttendanceDirectory attendance;

	ActivityAudienceFromAttendance(AttendanceDirectory attendance) {
		this.attendance = attendance;
	}

	@Override
	public boolean includes(ActivityId activity, UUID accountId) {
		return this.attendance.isVolunteerOf(activity.value(), accountId);
	}

}
