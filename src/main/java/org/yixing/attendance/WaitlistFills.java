package org.yixing.attendance;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityPlacesAdded;

/**
 * Places an admin added to an activity go to its waitlist (候补, RULES §5), once the edit
 * has committed: in a transaction of its own, which takes the activity's lock as a
 * check-in does, never while the edit holds the activity's row.
 */
@Component
class WaitlistFills {

	private final SignUps signUps;

	WaitlistFills(SignUps signUps) {
		this.signUps = signUps;
	}

	@ApplicationModuleListener
	void on(ActivityPlacesAdded added) {
		this.signUps.fill(added.activityId());
	}

}
