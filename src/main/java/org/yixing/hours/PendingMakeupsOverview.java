package org.yixing.hours;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.organization.OverviewPart;

/**
 * 工时补录申请 waiting on the console's 概览: how many wait in each organization shown or below
 * it, the most first, each leading to the organization's 时数 page where they are decided.
 */
@Component
class PendingMakeupsOverview implements OverviewPart {

	private final MakeupRequests makeups;

	private final OrganizationDirectory organizations;

	PendingMakeupsOverview(MakeupRequests makeups, OrganizationDirectory organizations) {
		this.makeups = makeups;
		this.organizations = organizations;
	}

	@Override
	public Optional<Shown> of(AuthenticatedAccount caller, List<OrganizationId> within) {
		Map<UUID, Integer> waiting = this.makeups.pendingBy(within.stream().map(OrganizationId::value).toList());
		if (waiting.isEmpty()) {
			return Optional.empty();
		}
		Map<UUID, String> names = this.organizations.namesOf(waiting.keySet());
		return Optional.of(new Shown("hours/console/overview",
				waiting.entrySet()
					.stream()
					.map((w) -> new Waiting(w.getKey(), names.getOrDefault(w.getKey(), ""), w.getValue()))
					.toList(),
				20));
	}

	record Waiting(UUID organizationId, String name, int count) {
	}

}
