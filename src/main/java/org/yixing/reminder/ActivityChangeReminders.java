package org.yixing.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityCancelled;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.ActivityMoved;
import org.yixing.activity.CheckInActivity;
import org.yixing.attendance.AttendanceDirectory;
import org.yixing.attendance.WaitlistPromoted;
import org.yixing.notice.Notices;
import org.yixing.shared.ApplicationClock;

/**
 * What the volunteers signed up for an activity must hear at once (RULES §5, §13): that
 * it was cancelled (取消活动), with the admin's reason, that its time or place changed, or
 * that a place they waited for is theirs (候补). Each is a notice and, unless they turned
 * 短信提醒 off, a text sent by the next run of {@link ReminderJob} until the start it names.
 * Recorded like any reminder, so a redelivered event tells nobody twice.
 */
@Component
class ActivityChangeReminders {

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final Reminders reminders;

	private final ActivityDirectory activities;

	private final AttendanceDirectory attendance;

	private final Notices notices;

	private final Clock clock;

	ActivityChangeReminders(Reminders reminders, ActivityDirectory activities, AttendanceDirectory attendance,
			Notices notices, Clock clock) {
		this.reminders = reminders;
		this.activities = activities;
		this.attendance = attendance;
		this.notices = notices;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ActivityCancelled cancelled) {
		tell(cancelled.activityId(), cancelled.activityId().value(), ReminderKind.CANCELLED, "ACTIVITY_CANCELLED",
				cancelled.title(), cancelled.reason(), cancelled.startAt());
	}

	/**
	 * The notice says the time and place this change gave. Its text goes while the
	 * activity still starts then: the start as stored (to the microsecond) when it is
	 * that one; if the activity was moved again since, that move tells the new time.
	 */
	@ApplicationModuleListener
	void on(ActivityMoved moved) {
		Instant stored = this.activities.find(moved.activityId()).map(CheckInActivity::startAt).orElse(moved.startAt());
		Instant startAt = (Duration.between(stored, moved.startAt()).abs().toMillis() < 1) ? stored : moved.startAt();
		LocalDateTime start = ApplicationClock.local(moved.startAt()).toLocalDateTime();
		LocalDateTime end = ApplicationClock.local(moved.endAt()).toLocalDateTime();
		String when = DAY_AND_TIME.format(start) + "–"
				+ (end.toLocalDate().equals(start.toLocalDate()) ? TIME.format(end) : DAY_AND_TIME.format(end));
		String detail = moved.place().isBlank() ? when : when + "，" + moved.place();
		tell(moved.activityId(), moved.changeId(), ReminderKind.MOVED, "ACTIVITY_MOVED", moved.title(), detail,
				startAt);
	}

	/**
	 * The volunteer waiting for a place got one (候补, RULES §5): they are signed up, and
	 * told when it starts.
	 */
	@ApplicationModuleListener
	void on(WaitlistPromoted promoted) {
		LocalDateTime start = ApplicationClock.local(promoted.startAt()).toLocalDateTime();
		List<Reminders.Due> claimed = this.reminders.claim(List.of(new Reminders.Due(promoted.promotionId(),
				promoted.accountId(), ReminderKind.PROMOTED, promoted.activityId().value(), promoted.startAt())),
				this.clock.instant());
		this.notices.addAll(claimed.stream()
			.map((r) -> new Notices.NewNotice(r.accountId(), "WAITLIST_PROMOTED", promoted.title(),
					DAY_AND_TIME.format(start), "/activities/" + r.activityId(),
					r.momentAt().plus(ReminderRetention.KEEP)))
			.toList());
	}

	private static List<Reminders.Due> due(List<AttendanceDirectory.SignUp> people, UUID subject, ReminderKind kind,
			Instant startAt) {
		return people.stream()
			.map((s) -> new Reminders.Due(subject, s.accountId(), kind, s.activityId(), startAt))
			.toList();
	}

	private void tell(ActivityId activity, UUID subject, ReminderKind kind, String notice, String title, String detail,
			Instant startAt) {
		List<Reminders.Due> claimed = new ArrayList<>(
				this.reminders.claim(due(this.attendance.signUpsFor(Set.of(activity.value())), subject, kind, startAt),
						this.clock.instant()));
		// Those waiting for a place (候补) are told too, by a notice only: they hold no
		// place.
		claimed.addAll(
				this.reminders.claim(due(this.attendance.waitingFor(Set.of(activity.value())), subject, kind, startAt),
						this.clock.instant(), false));
		this.notices.addAll(claimed.stream()
			.map((r) -> new Notices.NewNotice(r.accountId(), notice, title, detail, "/activities/" + r.activityId(),
					r.momentAt().plus(ReminderRetention.KEEP)))
			.toList());
	}

}
