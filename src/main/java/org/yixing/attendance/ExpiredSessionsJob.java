package org.yixing.attendance;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.shared.AdvisoryLock;

/**
 * Persists VOID for sessions past their expiry (RULES §6), once a minute. Reads already
 * derive the status from the clock; this keeps the table true for reports and for the
 * one-open-session index. With several app nodes, a transaction-level advisory lock lets
 * one node do each run; the update itself is idempotent anyway.
 */
@Component
class ExpiredSessionsJob {

	private static final Logger log = LoggerFactory.getLogger(ExpiredSessionsJob.class);

	private final Sessions sessions;

	private final JdbcClient jdbc;

	private final Clock clock;

	ExpiredSessionsJob(Sessions sessions, JdbcClient jdbc, Clock clock) {
		this.sessions = sessions;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${yixing.attendance.void-job-interval:PT1M}", initialDelayString = "PT10S")
	@Transactional
	public int voidExpiredSessions() {
		if (!AdvisoryLock.EXPIRED_SESSIONS.tryTake(this.jdbc)) {
			return 0;
		}
		int voided = this.sessions.voidExpired(this.clock.instant());
		if (voided > 0) {
			log.info("Voided {} sessions not checked out in time", voided);
		}
		return voided;
	}

}
