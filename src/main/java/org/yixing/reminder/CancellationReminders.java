package org.yixing.reminder;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityCancelled;
import org.yixing.attendance.AttendanceDirectory;
import org.yixing.notice.Notices;

/**
 * 取消活动 (RULES §5, §13): every volunteer signed up for a cancelled activity hears of it
 * once, as a notice with the admin's reason and, unless they turned 短信提醒 off, a text sent
 * by the next run of {@link ReminderJob} (until the activity's start). Recorded like any
 * reminder, so a redelivered event tells nobody twice.
 */
@Component
class CancellationReminders {

	private final Reminders reminders;

	private final AttendanceDirectory attendance;

	private final Notices notices;

	private final Clock clock;

	CancellationReminders(Reminders reminders, AttendanceDirectory attendance, Notices notices, Clock clock) {
		this.reminders = reminders;
		this.attendance = attendance;
		this.notices = notices;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ActivityCancelled cancelled) {
		List<Reminders.Due> due = this.attendance.signUpsFor(Set.of(cancelled.activityId().value()))
			.stream()
			.map((s) -> new Reminders.Due(s.activityId(), s.accountId(), ReminderKind.CANCELLED, s.activityId(),
					cancelled.startAt()))
			.toList();
		List<Reminders.Due> claimed = this.reminders.claim(due, this.clock.instant());
		this.notices.addAll(claimed.stream()
			.map((r) -> new Notices.NewNotice(r.accountId(), "ACTIVITY_CANCELLED", cancelled.title(),
					cancelled.reason(), "/activities/" + r.activityId(), r.momentAt().plus(ReminderRetention.KEEP)))
			.toList());
	}

}
