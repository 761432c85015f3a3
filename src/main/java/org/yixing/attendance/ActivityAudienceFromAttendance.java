package org.yixing.attendance;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityAudience;
import org.yixing.activity.ActivityId;

/** {@link ActivityAudience}: signed up, waiting for a place (候补), or checked in. */
@Component
class ActivityAudienceFromAttendance implements ActivityAudience {

	private final SignUps signUps;

	private final SessionLists sessions;

	ActivityAudienceFromAttendance(SignUps signUps, SessionLists sessions) {
		this.signUps = signUps;
		this.sessions = sessions;
	}

	@Override
	public boolean includes(ActivityId activity, UUID accountId) {
		UUID id = activity.value();
		return this.signUps.isSignedUp(id, accountId) || this.signUps.isWaiting(id, accountId)
				|| this.sessions.hasSession(accountId, id);
	}

}
