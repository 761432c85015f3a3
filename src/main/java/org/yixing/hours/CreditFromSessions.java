package org.yixing.hours;

import java.time.Clock;
import java.time.Instant;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.ServiceRecord;
import org.yixing.attendance.SessionCompleted;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.TimeOrderedIds;

/**
 * Credit hours come only from completed sessions (RULES §8), exactly once per session
 * however often the event is delivered: the ledger has one credit entry per session id.
 */
@Component
class CreditFromSessions {

	private final Ledger ledger;

	private final ActivityDirectory activities;

	private final OrganizationDirectory organizations;

	private final Clock clock;

	CreditFromSessions(Ledger ledger, ActivityDirectory activities, OrganizationDirectory organizations, Clock clock) {
		this.ledger = ledger;
		this.activities = activities;
		this.organizations = organizations;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(SessionCompleted session) {
		ServiceRecord record = this.activities.serviceRecord(new ActivityId(session.activityId())).orElseThrow();
		String organization = this.organizations.find(new OrganizationId(session.organizationId()))
			.map(OrganizationDirectory.OrganizationSummary::name)
			.orElse("");
		Instant now = this.clock.instant();
		this.ledger.append(new LedgerEntry(TimeOrderedIds.at(now), session.accountId(), "CREDIT", "SESSION",
				session.creditMinutes(), session.sessionId(), session.organizationId(), organization,
				session.activityId(), record.title(), session.checkedInAt().atZone(ApplicationClock.ZONE).toLocalDate(),
				record.place(), record.content(), record.leadName(), null, "", null, null, null, null, now));
	}

}
