package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationPolicy;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * An admin of the activity's organization or above voids an OPEN session with a reason
 * (RULES §12), for instance after its risk signals: audited, and the volunteer hears why.
 * Completed sessions are credit time and stay as they are.
 */
@Service
class SessionVoids {

	private final Sessions sessions;

	private final ActivityDirectory activities;

	private final OrganizationPolicy policy;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SessionVoids(Sessions sessions, ActivityDirectory activities, OrganizationPolicy policy, AuditLog audit,
			ApplicationEventPublisher events, Clock clock) {
		this.sessions = sessions;
		this.activities = activities;
		this.policy = policy;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	Session voidOpen(AuthenticatedAccount admin, UUID sessionId, @Nullable String reason) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Session session = this.sessions.lock(sessionId).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		CheckInActivity activity = this.activities.find(new ActivityId(session.activityId())).orElseThrow();
		this.policy.requireAdmin(admin, activity.organizationId());
		String why = ManualAttendance.reason(reason, "attendance.void.reason");
		if (!session.openAt(now)) {
			throw new DomainException(ErrorCode.SESSION_NOT_OPEN);
		}
		this.sessions.voidByAdmin(sessionId, now, admin.id().value(), why);
		this.audit.record(admin.id().value(), "SESSION_VOIDED", "ATTENDANCE_SESSION", sessionId.toString(),
				Map.of("activityId", session.activityId().toString(), "accountId", session.accountId().toString(),
						"reason", why));
		this.events.publishEvent(
				new SessionVoided(sessionId, session.accountId(), session.activityId(), activity.title(), why));
		return session;
	}

}
