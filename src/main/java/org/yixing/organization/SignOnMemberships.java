package org.yixing.organization;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AccountId;

/**
 * Auto-join (RULES §14): a volunteer who links the campus identity of a university whose
 * connection says so becomes a member of it at once, recorded and audited as approved by
 * campus sign-on, not by an admin.
 */
@Service
public class SignOnMemberships {

	private final Memberships memberships;

	private final Organizations organizations;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SignOnMemberships(Memberships memberships, Organizations organizations, AuditLog audit,
			ApplicationEventPublisher events, Clock clock) {
		this.memberships = memberships;
		this.organizations = organizations;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @return whether the volunteer became a member (false: already one, or the
	 * university is archived)
	 */
	@Transactional
	public boolean join(AccountId account, OrganizationId university) {
		Organization organization = this.organizations.find(university).orElse(null);
		if (organization == null || organization.archived()) {
			return false;
		}
		Instant now = this.clock.instant();
		if (!this.memberships.add(account, university, MemberRole.MEMBER, now)) {
			return false;
		}
		this.memberships.approveBySignOn(university, account, now);
		this.audit.record(null, "MEMBERSHIP_APPROVED", "ORGANIZATION", university.toString(),
				Map.of("accountId", account.toString(), "via", "CAMPUS_SIGN_ON"));
		this.events.publishEvent(new MembershipDecided(account, university, organization.name(), true, null,
				java.util.UUID.randomUUID()));
		return true;
	}

}
