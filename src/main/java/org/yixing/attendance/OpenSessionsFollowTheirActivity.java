package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityRescheduled;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * When an activity's end or grace moves, its open sessions expire at the new deadline
 * (still never later than midnight after check-in). Runs in the editing transaction, so
 * the edit and the sessions change together. An edit never voids an open session (RULES
 * §5): a deadline that would already have passed while sessions are open is refused, and
 * the edit with it.
 */
@Component
class OpenSessionsFollowTheirActivity {

	private final Sessions sessions;

	private final Clock clock;

	OpenSessionsFollowTheirActivity(Sessions sessions, Clock clock) {
		this.sessions = sessions;
		this.clock = clock;
	}

	@EventListener
	void on(ActivityRescheduled rescheduled) {
		Instant now = this.clock.instant();
		if (!rescheduled.checkOutDeadline().isAfter(now)
				&& this.sessions.anyOpenAt(rescheduled.activityId().value(), now)) {
			throw new DomainException(ErrorCode.ACTIVITY_HAS_OPEN_SESSIONS);
		}
		this.sessions.rescheduleOpen(rescheduled.activityId().value(), rescheduled.checkOutDeadline());
	}

}
