package org.yixing.attendance;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

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
		return this.sessions.find(sessionId)
			.map((s) -> new SessionSummary(s.id(), s.accountId(), s.activityId(), s.organizationId(),
					s.statusAt(this.clock.instant())));
	}

	public record SessionSummary(UUID id, UUID accountId, UUID activityId, UUID organizationId, String status) {
	}

}
