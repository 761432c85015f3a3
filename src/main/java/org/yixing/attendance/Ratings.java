package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/** After check-out a volunteer may rate the activity once (RULES §6). */
@Service
class Ratings {

	private final Sessions sessions;

	private final Clock clock;

	Ratings(Sessions sessions, Clock clock) {
		this.sessions = sessions;
		this.clock = clock;
	}

	Rating rate(AuthenticatedAccount caller, UUID sessionId, int stars, String comment) {
		Session session = this.sessions.find(sessionId)
			.filter((s) -> s.accountId().equals(caller.id().value()))
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (!"COMPLETED".equals(session.status())) {
			throw new DomainException(ErrorCode.SESSION_NOT_COMPLETED);
		}
		Instant now = this.clock.instant();
		if (!this.sessions.rate(sessionId, stars, comment, now)) {
			throw new DomainException(ErrorCode.ALREADY_RATED);
		}
		return new Rating(sessionId.toString(), stars, comment, now);
	}

	record Rating(String sessionId, int stars, String comment, Instant ratedAt) {
	}

}
