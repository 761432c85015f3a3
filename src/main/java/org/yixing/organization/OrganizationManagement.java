package org.yixing.organization;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.region.Region;
import org.yixing.region.Regions;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Creating, editing, moving, archiving and finding organizations (RULES §4). An
 * organization is never deleted: it may have members, activities and hours behind it.
 */
@Service
class OrganizationManagement {

	static final int MAX_PAGE_SIZE = 100;

	private final Organizations organizations;

	private final OrganizationPolicy policy;

	private final Regions regions;

	private final AuditLog audit;

	private final Clock clock;

	OrganizationManagement(Organizations organizations, OrganizationPolicy policy, Regions regions, AuditLog audit,
			Clock clock) {
		this.organizations = organizations;
		this.policy = policy;
		this.regions = regions;
		this.audit = audit;
		this.clock = clock;
	}

	/** Top level: platform staff only; below a parent: admins of that parent's scope. */
	@Transactional
	Organization create(AuthenticatedAccount caller, Draft draft, @Nullable OrganizationId parentId) {
		OrganizationTexts.name(draft.name());
		OrganizationTexts.checkOptional(draft.description(), draft.contact());
		if (parentId == null) {
			caller.requireStaff();
		}
		else {
			Organization parent = visible(caller, parentId);
			this.policy.requireAdmin(caller, parentId);
			if (parent.archived()) {
				throw new DomainException(ErrorCode.ORGANIZATION_ARCHIVED);
			}
		}
		checkRegion(draft.regionCode());
		Instant now = this.clock.instant();
		Organization organization = new Organization(OrganizationId.random(), parentId, draft.name(),
				draft.regionCode(), draft.visibility(), draft.description(), draft.contact(), now, null);
		try {
			this.organizations.insert(organization, caller.id().value());
		}
		catch (DuplicateKeyException ex) {
			throw new DomainException(ErrorCode.NAME_TAKEN);
		}
		this.audit.record(caller.id().value(), "ORGANIZATION_CREATED", "ORGANIZATION", organization.id().toString(),
				Map.of("name", organization.name(), "parentId", String.valueOf(parentId)));
		return organization;
	}

	Organization get(@Nullable AuthenticatedAccount caller, OrganizationId id) {
		Organization organization = this.organizations.find(id)
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		boolean visible = (caller != null) ? this.policy.canSee(caller, organization)
				: organization.visibility() == Visibility.LISTED;
		if (!visible) {
			throw new DomainException(ErrorCode.NOT_FOUND);
		}
		return organization;
	}

	List<Organization> path(OrganizationId id) {
		return this.organizations.path(id);
	}

	List<Organization> children(@Nullable AuthenticatedAccount caller, OrganizationId id) {
		return this.organizations.children(id)
			.stream()
			.filter((child) -> (caller != null) ? this.policy.canSee(caller, child)
					: child.visibility() == Visibility.LISTED)
			.toList();
	}

	/** Renames or edits an organization; admins in scope. */
	@Transactional
	Organization update(AuthenticatedAccount caller, OrganizationId id, Changes changes) {
		this.policy.requireAdmin(caller, id);
		if (changes.name() != null) {
			OrganizationTexts.name(changes.name());
		}
		OrganizationTexts.checkOptional(changes.description(), changes.contact());
		Organization current = this.organizations.lock(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (changes.regionCode() != null) {
			checkRegion(changes.regionCode());
		}
		Organization changed = new Organization(id, current.parentId(), or(changes.name(), current.name()),
				or(changes.regionCode(), current.regionCode()),
				(changes.visibility() != null) ? changes.visibility() : current.visibility(),
				or(changes.description(), current.description()), or(changes.contact(), current.contact()),
				current.createdAt(), current.archivedAt());
		try {
			this.organizations.update(changed, this.clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new DomainException(ErrorCode.NAME_TAKEN);
		}
		Map<String, Object> details = new HashMap<>();
		if (!changed.name().equals(current.name())) {
			details.put("from", current.name());
			details.put("to", changed.name());
		}
		details.put("visibility", changed.visibility().name());
		this.audit.record(caller.id().value(), "ORGANIZATION_UPDATED", "ORGANIZATION", id.toString(), details);
		return changed;
	}

	/**
	 * Moves an organization with its subtree: the caller administers it and the new
	 * parent (only staff move to or from the top level); never below itself.
	 */
	@Transactional
	Organization move(AuthenticatedAccount caller, OrganizationId id, @Nullable OrganizationId newParent) {
		Organization current = this.organizations.lock(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, id);
		if (newParent == null || current.parentId() == null) {
			caller.requireStaff();
		}
		if (newParent != null) {
			Organization parent = this.organizations.find(newParent)
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
			this.policy.requireAdmin(caller, newParent);
			if (this.organizations.inSubtree(id, newParent)) {
				throw new DomainException(ErrorCode.INVALID_MOVE);
			}
			if (parent.archived()) {
				throw new DomainException(ErrorCode.ORGANIZATION_ARCHIVED);
			}
		}
		try {
			this.organizations.move(id, newParent, this.clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new DomainException(ErrorCode.NAME_TAKEN);
		}
		this.audit.record(caller.id().value(), "ORGANIZATION_MOVED", "ORGANIZATION", id.toString(),
				Map.of("from", String.valueOf(current.parentId()), "to", String.valueOf(newParent)));
		return this.organizations.find(id).orElseThrow();
	}

	/**
	 * Archived organizations keep their history but leave search and take no new members.
	 */
	@Transactional
	void archive(AuthenticatedAccount caller, OrganizationId id) {
		this.organizations.lock(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, id);
		this.organizations.archive(id, this.clock.instant());
		this.audit.record(caller.id().value(), "ORGANIZATION_ARCHIVED", "ORGANIZATION", id.toString(), Map.of());
	}

	/**
	 * RULES §4 search: a province's code matches everything in it, a city's code its
	 * districts; hidden and archived organizations never appear.
	 */
	Organizations.Page search(@Nullable String regionCode, @Nullable String keyword, int page, int size) {
		String prefix = null;
		if (regionCode != null && !regionCode.isBlank()) {
			prefix = this.regions.find(regionCode.trim())
				.map(Region::codePrefix)
				.orElseThrow(() -> new DomainException(ErrorCode.INVALID_REGION));
		}
		String q = (keyword != null && !keyword.isBlank()) ? keyword.strip() : null;
		return this.organizations.search(prefix, q, Math.max(page, 0), Math.clamp(size, 1, MAX_PAGE_SIZE));
	}

	private Organization visible(AuthenticatedAccount caller, OrganizationId id) {
		Organization organization = this.organizations.find(id)
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (!this.policy.canSee(caller, organization)) {
			throw new DomainException(ErrorCode.NOT_FOUND);
		}
		return organization;
	}

	private void checkRegion(String regionCode) {
		if (!this.regions.exists(regionCode)) {
			throw new DomainException(ErrorCode.INVALID_REGION);
		}
	}

	private static String or(@Nullable String value, String fallback) {
		return (value != null) ? value.strip() : fallback;
	}

	record Draft(String name, String regionCode, Visibility visibility, String description, String contact) {
	}

	record Changes(@Nullable String name, @Nullable String regionCode, @Nullable Visibility visibility,
			@Nullable String description, @Nullable String contact) {
	}

}
