package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.identity.IdNumber;
import org.yixing.organization.OrganizationPolicy;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.TimeOrderedIds;

/**
 * The non-face route (人脸识别技术应用安全管理办法: face recognition must not be the only way): an
 * admin of the activity's organization, on site, checks a volunteer in or out by hand,
 * with a reason. The checks that are about the volunteer still hold (the window, members
 * only, one open session, insurance, places); those about the volunteer's phone
 * (agreement on the phone, device, position, face) are the admin's to vouch for. The
 * session is marked {@code MANUAL}, audited, and listed to the volunteer.
 */
@Service
class ManualAttendance {

	static final String DEVICE_PREFIX = "manual:";

	static final int REASON_MAX = 200;

	private final Sessions sessions;

	private final ActivityDirectory activities;

	private final OrganizationPolicy policy;

	private final AccountDirectory accounts;

	private final CheckIns checkIns;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final AdminSessions adminSessions;

	ManualAttendance(Sessions sessions, ActivityDirectory activities, OrganizationPolicy policy,
			AccountDirectory accounts, CheckIns checkIns, AuditLog audit, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock, AdminSessions adminSessions) {
		this.adminSessions = adminSessions;
		this.sessions = sessions;
		this.activities = activities;
		this.policy = policy;
		this.accounts = accounts;
		this.checkIns = checkIns;
		this.audit = audit;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	CheckIns.CheckedIn checkIn(AuthenticatedAccount admin, UUID activityId, Who who, @Nullable String reason) {
		try {
			return this.transactions.execute((status) -> checkInOnce(admin, activityId, who, reason));
		}
		catch (DuplicateKeyException raced) {
			throw new DomainException(ErrorCode.ALREADY_CHECKED_IN);
		}
	}

	private CheckIns.CheckedIn checkInOnce(AuthenticatedAccount admin, UUID activityId, Who who,
			@Nullable String reason) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		CheckInActivity activity = administered(admin, activityId);
		String why = reason(reason);
		UUID account = volunteer(who);
		this.checkIns.requireOpenTo(activity, new AccountId(account), now);
		this.sessions.lockOpenOf(account).ifPresent((open) -> {
			if (open.openAt(now)) {
				throw new DomainException(ErrorCode.ALREADY_CHECKED_IN);
			}
			this.sessions.voidOne(open.id(), now);
		});
		this.checkIns.requireInsurance(activity, account);
		this.checkIns.requirePlace(activity, account, now);
		SessionExpiry expiry = SessionExpiry.of(now, activity.checkOutDeadline());
		Session session = new Session(TimeOrderedIds.at(now), activityId, activity.organizationId().value(), account,
				DEVICE_PREFIX + admin.id().value(), "MANUAL", SessionStatus.OPEN, now, null, expiry.at(),
				expiry.reason(), null, null, 0);
		this.adminSessions.openManually(session, admin.id().value(), why);
		this.audit.record(admin.id().value(), "MANUAL_CHECK_IN", "ATTENDANCE_SESSION", session.id().toString(),
				Map.of("activityId", activityId.toString(), "accountId", account.toString(), "reason", why));
		return new CheckIns.CheckedIn(session, activity.title());
	}

	/**
	 * Checks out the volunteer's open session of this activity, however it was opened (a
	 * phone that died, a face check-in on a borrowed phone), by the end plus the grace
	 * period.
	 */
	Session checkOut(AuthenticatedAccount admin, UUID activityId, Who who, @Nullable String reason) {
		return this.transactions.execute((status) -> {
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
			CheckInActivity activity = administered(admin, activityId);
			String why = reason(reason);
			UUID account = volunteer(who);
			Session session = this.sessions.lockOpenOf(account)
				.filter((s) -> s.activityId().equals(activityId))
				.orElseThrow(() -> new DomainException(ErrorCode.SESSION_NOT_OPEN));
			int minutes = CheckIns.creditMinutesAtCheckOut(session, activity, now);
			this.adminSessions.completeManually(session.id(), now, minutes, admin.id().value(), why);
			this.audit.record(admin.id().value(), "MANUAL_CHECK_OUT", "ATTENDANCE_SESSION", session.id().toString(),
					Map.of("activityId", activityId.toString(), "accountId", account.toString(), "reason", why,
							"creditMinutes", minutes));
			this.events.publishEvent(new SessionCompleted(session.id(), account, activityId, session.organizationId(),
					minutes, session.checkedInAt(), now));
			return session.completed(now, null, minutes);
		});
	}

	private CheckInActivity administered(AuthenticatedAccount admin, UUID activityId) {
		CheckInActivity activity = this.activities.find(new ActivityId(activityId))
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(admin, activity.organizationId());
		return activity;
	}

	private static String reason(@Nullable String reason) {
		return reason(reason, "attendance.manual.reason");
	}

	/** An admin's reason for acting on a session: 1–200 characters, never cut short. */
	static String reason(@Nullable String reason, String messageKey) {
		String r = (reason != null) ? reason.strip() : "";
		if (r.isEmpty() || r.length() > REASON_MAX) {
			throw DomainException.invalidField("reason", messageKey);
		}
		return r;
	}

	/**
	 * The volunteer an admin names, by account or by resident ID number (not a staff
	 * account); unknown → {@code NOT_FOUND}. Also for 代报名 ({@link OrganizerSignUps}).
	 */
	UUID volunteer(Who who) {
		if (who.accountId() != null) {
			return this.accounts.find(new AccountId(who.accountId()))
				.filter((a) -> !a.staff())
				.map((a) -> a.id().value())
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		}
		if (who.idNumber() != null && !who.idNumber().isBlank()) {
			String idNumber = IdNumber.parse(who.idNumber().strip(), ApplicationClock.today(this.clock)).value();
			return this.accounts.findByIdNumber(idNumber)
				.map((a) -> a.id().value())
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		}
		throw DomainException.invalidField("accountId", "attendance.manual.who");
	}

	/** The volunteer: by account id, or by resident ID number as read from their card. */
	record Who(@Nullable UUID accountId, @Nullable String idNumber) {
	}

}
