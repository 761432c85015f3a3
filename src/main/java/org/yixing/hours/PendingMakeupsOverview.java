package org.yixing.hours;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final JdbcClient jdbc;

	private final OrganizationDirectory organizations;

	PendingMakeupsOverview(JdbcClient jdbc, OrganizationDirectory organizations) {
		this.jdbc = jdbc;
		this.organizations = organizations;
	}

	@Override
	public Optional<Shown> of(AuthenticatedAccount caller, List<OrganizationId> shown) {
		Set<UUID> within = new LinkedHashSet<>();
		shown.forEach((root) -> within.addAll(this.organizations.subtreeIds(root)));
		List<Waiting> waiting = this.jdbc.sql("""
				SELECT organization_id, count(*) AS n FROM makeup_requests
				WHERE status = 'PENDING' AND organization_id = ANY (?)
				GROUP BY organization_id ORDER BY n DESC, organization_id""")
			.param(within.toArray(UUID[]::new))
			.query((rs, row) -> new Waiting(rs.getObject("organization_id", UUID.class), "", rs.getInt("n")))
			.list();
		if (waiting.isEmpty()) {
			return Optional.empty();
		}
		Map<UUID, String> names = this.organizations.namesOf(waiting.stream().map(Waiting::organizationId).toList());
		return Optional.of(new Shown("hours/console/overview",
				waiting.stream()
					.map((w) -> new Waiting(w.organizationId(), names.getOrDefault(w.organizationId(), ""), w.count()))
					.toList(),
				20));
	}

	record Waiting(UUID organizationId, String name, int count) {
	}

}
