package org.yixing.reminder;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityMessageSent;
import org.yixing.attendance.AttendanceDirectory;
import org.yixing.notice.Notices;

/**
 * 活动通知 (RULES §13): an admin's message reaches each of the activity's volunteers, signed
 * up, waiting for a place (候补) or checked in, as one notice, kept until 30 days after the
 * activity ends (or after the message, when sent later). Recorded like any reminder, so a
 * redelivered event tells nobody twice; never a text.
 */
@Component
class ActivityMessageNotices {

	private final Reminders reminders;

	private final AttendanceDirectory attendance;

	private final Notices notices;

	private final Clock clock;

	ActivityMessageNotices(Reminders reminders, AttendanceDirectory attendance, Notices notices, Clock clock) {
		this.reminders = reminders;
		this.attendance = attendance;
		this.notices = notices;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ActivityMessageSent sent) {
		Instant until = sent.endAt().isAfter(sent.sentAt()) ? sent.endAt() : sent.sentAt();
		List<Reminders.Due> due = this.attendance.volunteersOf(sent.activityId().value())
			.stream()
			.map((account) -> new Reminders.Due(sent.messageId(), account, ReminderKind.MESSAGE,
					sent.activityId().value(), until))
			.toList();
		List<Reminders.Due> claimed = this.reminders.claim(due, this.clock.instant(), false);
		this.notices.addAll(claimed.stream()
			.map((r) -> new Notices.NewNotice(r.accountId(), "ACTIVITY_MESSAGE", sent.title(), sent.text(),
					"/activities/" + r.activityId(), until.plus(ReminderRetention.KEEP)))
			.toList());
	}

}
