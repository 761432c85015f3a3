package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.yixing.shared.ApplicationClock;

/** What other modules may know about sessions. */
@Service
public class AttendanceDirectory {

	private final Sessions sessions;

	private final Clock clock;

	AttendanceDirectory(Sessions sessions, Clock clock) {
		this.sessions = sessions;
		this.clock = clock;
	}

	/** The session with its status as of now (an expired open session reads VOID). */
	public Optional<SessionSummary> find(UUID sessionId) {
		return this.sessions.find(sessionId).map(this::summary);
	}

	/** The volunteer's sessions of an activity, statuses as of now. */
	public List<SessionSummary> ofVolunteerForActivity(UUID account, UUID activity) {
		return this.sessions.ofAccountFor(account, activity, Instant.EPOCH, Instant.EPOCH)
			.stream()
			.map(this::summary)
			.toList();
	}

	/**
	 * The volunteer's sessions checked in on a day (Asia/Shanghai), statuses as of now.
	 */
	public List<SessionSummary> ofVolunteerOn(UUID account, LocalDate day) {
		return this.sessions
			.ofAccountFor(account, null, day.atStartOfDay(ApplicationClock.ZONE).toInstant(),
					day.plusDays(1).atStartOfDay(ApplicationClock.ZONE).toInstant())
			.stream()
			.map(this::summary)
			.toList();
	}

	private SessionSummary summary(Session session) {
		return new SessionSummary(session.id(), session.accountId(), session.activityId(), session.organizationId(),
				session.statusAt(this.clock.instant()), session.creditMinutes());
	}

	/**
	 * @param status OPEN, COMPLETED or VOID (a session is void only when its volunteer
	 * did not check out in time, RULES §6)
	 * @param creditMinutes the minutes credited when COMPLETED
	 */
	public record SessionSummary(UUID id, UUID accountId, UUID activityId, UUID organizationId, String status,
			int creditMinutes) {

		public boolean credited() {
			return "COMPLETED".equals(this.status) && this.creditMinutes > 0;
		}

	}

}
