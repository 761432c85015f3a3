package org.yixing.organization;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.identity.CampusIdentities;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/** What other modules may ask about organizations. */
@Service
public class OrganizationDirectory {

	private final Organizations organizations;

	private final Memberships memberships;

	private final OrganizationPolicy policy;

	private final CampusIdentities campusIdentities;

	OrganizationDirectory(Organizations organizations, Memberships memberships, OrganizationPolicy policy,
			CampusIdentities campusIdentities) {
		this.campusIdentities = campusIdentities;
		this.organizations = organizations;
		this.memberships = memberships;
		this.policy = policy;
	}

	/**
	 * The organization, when the caller may administer it: 404 {@code NOT_FOUND} when
	 * there is none, 403 {@code FORBIDDEN} outside the caller's scope (RULES §4).
	 */
	public OrganizationSummary administeredBy(AuthenticatedAccount caller, OrganizationId id) {
		OrganizationSummary organization = find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, id);
		return organization;
	}

	/** How many organizations are in use (archived ones left out). */
	public long count() {
		return this.organizations.count();
	}

	public Optional<OrganizationSummary> find(OrganizationId id) {
		return this.organizations.find(id).map((o) -> summary(o));
	}

	/** The ids of the organization and of every organization below it (RULES §10). */
	public List<UUID> subtreeIds(OrganizationId root) {
		return this.organizations.subtreeIds(root);
	}

	/** The names of these organizations, by id (an unknown one is left out). */
	public Map<UUID, String> namesOf(Collection<UUID> ids) {
		return ids.isEmpty() ? Map.of() : this.organizations.namesOf(ids);
	}

	/** Whether {@code candidate} is {@code root} itself or lies anywhere below it. */
	public boolean isSameOrBelow(OrganizationId root, OrganizationId candidate) {
		return this.organizations.inSubtree(root, candidate);
	}

	/** RULES §5: members of X and of any organization below X count as members of X. */
	public boolean isMemberOfOrBelow(AccountId account, OrganizationId organization) {
		return this.memberships.isMemberOfOrBelow(account, organization);
	}

	/**
	 * The organizations whose activities the account may join as a member: its own and
	 * every one above them (RULES §5).
	 */
	public List<OrganizationId> ownAndAbove(AccountId account) {
		return this.memberships.ownAndAbove(account);
	}

	/** Is the account an admin of any organization (the console's link shows)? */
	public boolean administersAny(AccountId account) {
		return this.memberships.organizationsOf(account).stream().anyMatch((m) -> m.role() == MemberRole.ADMIN);
	}

	/** The organizations the account belongs to (as member or admin). */
	public List<OrganizationSummary> organizationsOf(AccountId account) {
		return this.memberships.organizationsOf(account)
			.stream()
			.map((m) -> m.organization())
			.map((o) -> summary(o))
			.toList();
	}

	/**
	 * Who hears about the organization's affairs: its own admins, or, when it has none,
	 * those of the nearest organization above it that has some.
	 */
	public List<AccountId> adminsOf(OrganizationId id) {
		return this.memberships.nearestAdmins(id);
	}

	/**
	 * The 学号/工号 of these accounts at the university this organization belongs to (RULES
	 * §14: shown to the admins of its subtree and carried in its exports), by account;
	 * those without one are left out.
	 */
	public Map<UUID, String> studentNumbers(OrganizationId organization, Collection<UUID> accounts) {
		List<OrganizationId> path = pathTo(organization);
		return path.isEmpty() ? Map.of() : this.campusIdentities.numbers(path.get(0).value(), accounts);
	}

	/** The top-level organizations (universities), not archived, by name. */
	public List<OrganizationSummary> topLevel() {
		return this.organizations.topLevel().stream().map(OrganizationDirectory::summary).toList();
	}

	/** The organizations directly below this one, not archived, by name. */
	public List<OrganizationSummary> childrenOf(OrganizationId id) {
		return this.organizations.children(id).stream().map(OrganizationDirectory::summary).toList();
	}

	/**
	 * For each organization directly below this one (not archived), the ids of it and
	 * everything below it, in one query.
	 */
	public Map<UUID, List<UUID>> childSubtrees(OrganizationId id) {
		return this.organizations.childSubtrees(id);
	}

	/** The organization's ancestors from the top down, ending with itself. */
	public List<OrganizationId> pathTo(OrganizationId id) {
		return this.organizations.path(id).stream().map(Organization::id).toList();
	}

	/**
	 * For each account, the names of the organizations at or below {@code root} it
	 * belongs to (a college's association for a university's export), in one query.
	 */
	public Map<UUID, List<String>> membershipsWithin(OrganizationId root, Collection<UUID> accounts) {
		return this.memberships.namesWithin(root, accounts);
	}

	/**
	 * The members of the organization and of every organization below it, at most
	 * {@code limit} (a scanning phone's roster).
	 */
	public List<AccountId> membersOfOrBelow(OrganizationId root, int limit) {
		return this.memberships.ofSubtree(subtreeIds(root), limit);
	}

	private static OrganizationSummary summary(Organization o) {
		return new OrganizationSummary(o.id(), o.name(), o.regionCode(), o.parentId(), o.archived(), o.contact());
	}

	/**
	 * @param contact how to reach the organization (联系方式), may be empty
	 */
	public record OrganizationSummary(OrganizationId id, String name, String regionCode,
			@Nullable OrganizationId parentId, boolean archived, String contact) {
	}

}
