package org.yixing.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;
import org.yixing.attendance.AttendanceDirectory;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.notice.Notices;
import org.yixing.shared.AdvisoryLock;
import org.yixing.shared.ApplicationClock;
import org.yixing.sms.ReminderTexts;
import org.yixing.sms.SmsGateway;

/**
 * Sends the reminders of RULES §13, by the application clock (the dev clock moves it).
 * Each run first records what is due, with its notices, in one transaction: the unique
 * key of each reminder makes it go out once whatever the number of nodes, and an advisory
 * lock spares the other nodes the work. Then it sends the pending text messages, each
 * taken by one node, with retries. It reads sessions and sign-ups without locking them:
 * check-in and check-out never wait for it.
 */
@Component
class ReminderJob {

	/**
	 * Text attempts before one is given up: at once, then 1, 2, 4 and 8 minutes later.
	 */
	static final int MAX_ATTEMPTS = 5;

	static final Duration FIRST_RETRY = Duration.ofMinutes(1);

	private static final int BATCH = 50;

	private static final Duration LEASE = Duration.ofMinutes(2);

	private static final DateTimeFormatter DETAIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M月d日HH:mm");

	private static final String TEXTS = "yixing.reminders.texts";

	private static final String TEXTS_DESCRIPTION = "Reminder texts (RULES §13) by what became of them: "
			+ "an attempt that will be retried (RETRY), or how each one ended";

	/**
	 * How a text ends ({@code reminders.sms_status}), and RETRY for an attempt that
	 * failed.
	 */
	private static final List<String> TEXT_OUTCOMES = List.of("SENT", "CAPPED", "RETRY", "FAILED", "TOO_LATE",
			"CANCELLED", "OFF", "NO_PHONE");

	private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

	private final Reminders reminders;

	private final ActivityDirectory activities;

	private final AttendanceDirectory attendance;

	private final AccountDirectory accounts;

	private final ReminderPreferences preferences;

	private final Notices notices;

	private final ReminderTexts texts;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final Clock clock;

	ReminderJob(Reminders reminders, ActivityDirectory activities, AttendanceDirectory attendance,
			AccountDirectory accounts, ReminderPreferences preferences, Notices notices, ReminderTexts texts,
			JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters, Clock clock) {
		this.reminders = reminders;
		this.activities = activities;
		this.attendance = attendance;
		this.accounts = accounts;
		this.preferences = preferences;
		this.notices = notices;
		this.texts = texts;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.meters = meters;
		this.clock = clock;
		// every outcome from 0, so that an alert sees the first failure as an increase
		// (docs/prometheus/yixing-alerts.yml)
		for (String outcome : TEXT_OUTCOMES) {
			Counter.builder(TEXTS).tag("outcome", outcome).description(TEXTS_DESCRIPTION).register(meters);
		}
	}

	@Scheduled(fixedDelayString = "${yixing.reminders.interval:PT30S}",
			initialDelayString = "${yixing.reminders.interval:PT30S}")
	void scheduled() {
		run();
	}

	/** One run: what is due now, then the texts. */
	Run run() {
		int recorded = record();
		int texts = sendTexts();
		return new Run(recorded, texts);
	}

	/** Records and notifies what is due; returns how many reminders this node sent. */
	int record() {
		long[] nanos = new long[4];
		Integer recorded = this.transactions.execute((status) -> {
			if (!AdvisoryLock.REMINDERS.tryTake(this.jdbc)) {
				return 0;
			}
			Instant now = this.clock.instant();
			Map<UUID, String> titles = new HashMap<>();
			nanos[0] = System.nanoTime();
			List<Reminders.Due> due = due(now, titles);
			nanos[1] = System.nanoTime();
			List<Reminders.Due> claimed = new ArrayList<>(
					this.reminders.claim(due.stream().filter((r) -> r.kind().texted()).toList(), now));
			claimed.addAll(this.reminders.claim(due.stream().filter((r) -> !r.kind().texted()).toList(), now, false));
			nanos[2] = System.nanoTime();
			this.notices.addAll(claimed.stream()
				.map((r) -> new Notices.NewNotice(r.accountId(), "REMINDER_" + r.kind(),
						titles.getOrDefault(r.activityId(), ""), DETAIL.format(local(r.momentAt())), link(r),
						r.momentAt().plus(ReminderRetention.KEEP)))
				.toList());
			nanos[3] = System.nanoTime();
			return claimed.size();
		});
		if (recorded != null && recorded > 0) {
			log.info("Sent {} reminders (found due in {} ms, recorded in {} ms, notices in {} ms)", recorded,
					(nanos[1] - nanos[0]) / 1_000_000, (nanos[2] - nanos[1]) / 1_000_000,
					(nanos[3] - nanos[2]) / 1_000_000);
		}
		return (recorded != null) ? recorded : 0;
	}

	private List<Reminders.Due> due(Instant now, Map<UUID, String> titles) {
		List<Reminders.Due> due = new ArrayList<>();
		List<CheckInActivity> closing = this.activities.checkOutReminderDue(now);
		if (!closing.isEmpty()) {
			closing.forEach((a) -> titles.put(a.id().value(), a.title()));
			for (AttendanceDirectory.OpenSession s : this.attendance
				.openUntilTheirDeadline(closing.stream().map((a) -> a.id().value()).toList(), now)) {
				due.add(new Reminders.Due(s.id(), s.accountId(), ReminderKind.CHECK_OUT, s.activityId(),
						s.expiresAt()));
			}
		}
		Optional<Instant> midnight = ReminderSchedule.midnightDue(now);
		if (midnight.isPresent()) {
			List<AttendanceDirectory.OpenSession> open = this.attendance.openUntilMidnight(midnight.get(), now);
			titles.putAll(this.activities.titlesOf(open.stream()
				.map(AttendanceDirectory.OpenSession::activityId)
				.filter((id) -> !titles.containsKey(id))
				.toList()));
			for (AttendanceDirectory.OpenSession s : open) {
				due.add(new Reminders.Due(s.id(), s.accountId(), ReminderKind.MIDNIGHT, s.activityId(), s.expiresAt()));
			}
		}
		Map<UUID, CheckInActivity> starting = new HashMap<>();
		for (CheckInActivity a : this.activities.startingBetween(now, now.plus(ReminderSchedule.SIGN_UP_HORIZON))) {
			if (!now.isBefore(ReminderSchedule.eveOf(a.startAt()))) {
				starting.put(a.id().value(), a);
				titles.put(a.id().value(), a.title());
			}
		}
		if (!starting.isEmpty()) {
			for (AttendanceDirectory.SignUp s : this.attendance.signUpsFor(starting.keySet())) {
				CheckInActivity a = starting.get(s.activityId());
				ReminderSchedule.signUpReminderDue(a.startAt(), s.signedUpAt(), now)
					.ifPresent((kind) -> due
						.add(new Reminders.Due(s.activityId(), s.accountId(), kind, s.activityId(), a.startAt())));
			}
		}
		// 候补 ends at the start (RULES §5): those still waiting hear that no place came.
		List<CheckInActivity> started = this.activities
			.startingBetween(now.minus(ReminderSchedule.WAITLIST_ENDED_WITHIN), now);
		if (!started.isEmpty()) {
			started.forEach((a) -> titles.put(a.id().value(), a.title()));
			Map<UUID, Instant> starts = new HashMap<>();
			started.forEach((a) -> starts.put(a.id().value(), a.startAt()));
			for (AttendanceDirectory.SignUp w : this.attendance.waitingFor(starts.keySet())) {
				due.add(new Reminders.Due(w.activityId(), w.accountId(), ReminderKind.WAITLIST_ENDED, w.activityId(),
						starts.get(w.activityId())));
			}
		}
		return due;
	}

	/** Sends the texts due now, a batch at a time; returns how many were sent. */
	int sendTexts() {
		int sent = 0;
		while (true) {
			Instant now = this.clock.instant();
			List<Reminders.Text> batch = this.reminders.lease(now, BATCH, LEASE);
			for (Reminders.Text text : batch) {
				if (send(text, now)) {
					sent++;
				}
			}
			if (batch.size() < BATCH) {
				return sent;
			}
		}
	}

	private boolean send(Reminders.Text text, Instant now) {
		Reminders.Due r = text.reminder();
		Optional<CheckInActivity> activity = this.activities.find(new ActivityId(r.activityId()));
		String status = stillWanted(r, activity, now);
		if (status != null) {
			settle(text, status, now, null);
			return false;
		}
		Optional<String> phone = this.accounts.phoneForReminders(new AccountId(r.accountId()));
		if (phone.isEmpty()) {
			settle(text, "NO_PHONE", now, null);
			return false;
		}
		String title = activity.map(CheckInActivity::title).orElse("");
		try {
			ReminderTexts.Outcome outcome = this.texts.send(phone.get(), parameters(r, title), text(r, title));
			settle(text, outcome.name(), now, null);
			return outcome == ReminderTexts.Outcome.SENT;
		}
		catch (SmsGateway.SmsDeliveryException ex) {
			int attempts = text.attempts() + 1;
			if (attempts >= MAX_ATTEMPTS) {
				log.warn("Reminder text {} of {} given up after {} attempts: {}", r.kind(), r.subjectId(), attempts,
						ex.getMessage());
				settle(text, "FAILED", now, ex.getMessage());
				return false;
			}
			Instant next = now.plus(FIRST_RETRY.multipliedBy(1L << (attempts - 1)));
			log.info("Reminder text {} of {} not delivered (attempt {}), trying again at {}: {}", r.kind(),
					r.subjectId(), attempts, next, ex.getMessage());
			this.meters.counter(TEXTS, "outcome", "RETRY").increment();
			this.reminders.retryAt(r, next, String.valueOf(ex.getMessage()));
			return false;
		}
	}

	/**
	 * Why the text should no longer go, if so: a start reminder of an activity cancelled
	 * since is not sent (its cancellation is).
	 */
	private @Nullable String stillWanted(Reminders.Due r, Optional<CheckInActivity> activity, Instant now) {
		if (!now.isBefore(r.momentAt())) {
			return "TOO_LATE";
		}
		boolean open = r.kind().aboutASession() ? this.attendance.isOpen(r.subjectId()) : stillSignedUp(r, activity);
		if (!open) {
			return "CANCELLED";
		}
		return this.preferences.smsReminders(r.accountId()) ? null : "OFF";
	}

	/**
	 * Still signed up, the activity still starting when the text says (an edit since has
	 * told the new time), and still held unless the text tells its cancellation.
	 */
	private boolean stillSignedUp(Reminders.Due r, Optional<CheckInActivity> activity) {
		boolean sameStart = activity.map((a) -> a.startAt().equals(r.momentAt())).orElse(false);
		boolean cancelled = activity.map(CheckInActivity::cancelled).orElse(false);
		return sameStart && (r.kind() == ReminderKind.CANCELLED || !cancelled)
				&& this.attendance.isSignedUp(r.activityId(), r.accountId());
	}

	private void settle(Reminders.Text text, String status, Instant now, @Nullable String error) {
		this.reminders.settle(text.reminder(), status, now, error);
		this.meters.counter(TEXTS, "outcome", status).increment();
	}

	private static Map<String, String> parameters(Reminders.Due r, String title) {
		String activity = (title.length() > 20) ? title.substring(0, 19) + "…" : title;
		return Map.of("activity", activity, "time", TIME.format(local(r.momentAt())), "event", r.kind().event());
	}

	/** The whole text, for gateways that send free text (and the dev outbox). */
	static String text(Reminders.Due r, String title) {
		String time = TIME.format(local(r.momentAt()));
		return switch (r.kind()) {
			case CHECK_OUT -> "【益行】您在「%s」的签到将于%s截止签退，请及时签退，逾期本次签到无效。".formatted(title, time);
			case MIDNIGHT -> "【益行】您在「%s」的签到将于今晚24:00自动结束，请在零点前签退，否则本次签到无效。".formatted(title);
			case EVE, HOUR_BEFORE -> "【益行】您报名的「%s」将于%s开始，请准时参加。".formatted(title, time);
			case CANCELLED -> "【益行】您报名的「%s」原定%s开始，现已取消，请勿前往。原因见益行“我的消息”。".formatted(title, time);
			case MOVED -> "【益行】您报名的「%s」时间或地点有变动，现于%s开始，请在益行查看活动详情。".formatted(title, time);
			case PROMOTED -> "【益行】您候补的「%s」有了名额，已为您报名，活动将于%s开始。如不能参加，请在益行取消报名。".formatted(title, time);
			// These two are recorded without a text (OFF), so never leased; as a guard,
			// each says what happened.
			case MESSAGE -> "【益行】「%s」的组织方发来通知，请在益行“我的消息”中查看。".formatted(title);
			case WAITLIST_ENDED -> "【益行】您候补的「%s」已于%s开始，未能为您报名。".formatted(title, time);
		};
	}

	private static String link(Reminders.Due r) {
		return r.kind().aboutASession() ? "/check-in/sessions/" + r.subjectId() : "/activities/" + r.activityId();
	}

	private static LocalDateTime local(Instant instant) {
		return LocalDateTime.ofInstant(instant, ApplicationClock.ZONE);
	}

	/**
	 * @param recorded reminders recorded and notified by this node
	 * @param texts text messages this node sent
	 */
	record Run(int recorded, int texts) {
	}

}
