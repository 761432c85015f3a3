package org.yixing.attendance;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityRescheduled;

/**
 * When an activity's end or grace moves, its open sessions expire at the new deadline
 * (still never later than midnight after check-in). Runs in the editing transaction, so
 * the edit and the sessions change together.
 */
@Component
class OpenSessionsFollowTheirActivity {

	private final Sessions sessions;

	OpenSessionsFollowTheirActivity(Sessions sessions) {
		this.sessions = sessions;
	}

	@EventListener
	void on(ActivityRescheduled rescheduled) {
		this.sessions.rescheduleOpen(rescheduled.activityId().value(), rescheduled.checkOutDeadline());
	}

}
