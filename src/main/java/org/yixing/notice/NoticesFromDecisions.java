package org.yixing.notice;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.yixing.hours.MakeupRequestDecided;
import org.yixing.organization.MembershipDecided;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;

/** Tells volunteers what was decided on their requests (RULES §4, §8). */
@Component
class NoticesFromDecisions {

	private final Notices notices;

	private final OrganizationDirectory organizations;

	NoticesFromDecisions(Notices notices, OrganizationDirectory organizations) {
		this.notices = notices;
		this.organizations = organizations;
	}

	@ApplicationModuleListener
	void on(MembershipDecided decided) {
		this.notices.add(decided.accountId().value(),
				decided.approved() ? "MEMBERSHIP_APPROVED" : "MEMBERSHIP_REJECTED", decided.organizationName(),
				(decided.reason() != null) ? decided.reason() : "", "/organizations/mine");
	}

	@ApplicationModuleListener
	void on(MakeupRequestDecided decided) {
		String organization = this.organizations.find(new OrganizationId(decided.organizationId()))
			.map(OrganizationDirectory.OrganizationSummary::name)
			.orElse("");
		this.notices.add(decided.accountId(), decided.approved() ? "MAKEUP_APPROVED" : "MAKEUP_REJECTED", organization,
				decided.approved() ? String.valueOf(decided.minutes())
						: ((decided.reason() != null) ? decided.reason() : ""),
				"/me/hours");
	}

}
