package org.yixing.organization;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.region.Region;
import org.yixing.region.Regions;

/** The organization tree and search (docs/API.md). */
@RestController
@RequestMapping("/api/v1")
class OrganizationController {

	private final OrganizationManagement management;

	private final Regions regions;

	OrganizationController(OrganizationManagement management, Regions regions) {
		this.management = management;
		this.regions = regions;
	}

	@AdminOnly
	@PostMapping("/organizations")
	@ResponseStatus(HttpStatus.CREATED)
	OrganizationView create(AuthenticatedAccount caller, @Valid @RequestBody NewOrganization request) {
		Organization created = this.management.create(caller,
				new OrganizationManagement.Draft(request.name().strip(), request.regionCode().trim(),
						(request.visibility() != null) ? request.visibility() : Visibility.LISTED,
						or(request.description()), or(request.contact())),
				(request.parentId() != null) ? new OrganizationId(request.parentId()) : null);
		return view(Optional.of(caller), created);
	}

	/** Paged from page 0; {@code size} 1–100, default 20. */
	@GetMapping("/organizations")
	SearchResult search(@RequestParam(required = false) @Nullable String regionCode,
			@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		Organizations.Page found = this.management.search(regionCode, q, page, size);
		return new SearchResult(found.items().stream().map(this::item).toList(), found.total(), found.page(),
				found.size());
	}

	@GetMapping("/organizations/{id}")
	OrganizationView get(Optional<AuthenticatedAccount> caller, @PathVariable UUID id) {
		return view(caller, this.management.get(caller.orElse(null), new OrganizationId(id)));
	}

	@AdminOnly
	@PatchMapping("/organizations/{id}")
	OrganizationView update(AuthenticatedAccount caller, @PathVariable UUID id,
			@Valid @RequestBody OrganizationChanges request) {
		Organization changed = this.management.update(caller, new OrganizationId(id),
				new OrganizationManagement.Changes(request.name(), request.regionCode(), request.visibility(),
						request.description(), request.contact()));
		return view(Optional.of(caller), changed);
	}

	/**
	 * Moves the organization and everything below it; {@code parentId: null} = top level.
	 */
	@AdminOnly
	@PostMapping("/organizations/{id}/move")
	OrganizationView move(AuthenticatedAccount caller, @PathVariable UUID id, @RequestBody Move request) {
		return view(Optional.of(caller), this.management.move(caller, new OrganizationId(id),
				(request.parentId() != null) ? new OrganizationId(request.parentId()) : null));
	}

	/** Archives: organizations with history are never deleted. */
	@AdminOnly
	@DeleteMapping("/organizations/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void archive(AuthenticatedAccount caller, @PathVariable UUID id) {
		this.management.archive(caller, new OrganizationId(id));
	}

	private OrganizationView view(Optional<AuthenticatedAccount> caller, Organization organization) {
		List<Link> path = this.management.path(organization.id())
			.stream()
			.map((o) -> new Link(o.id().toString(), o.name()))
			.toList();
		List<Link> children = this.management.children(caller.orElse(null), organization.id())
			.stream()
			.map((o) -> new Link(o.id().toString(), o.name()))
			.toList();
		return new OrganizationView(organization.id().toString(), organization.name(), organization.regionCode(),
				this.regions.find(organization.regionCode()).map(Region::name).orElse(null),
				(organization.parentId() != null) ? organization.parentId().toString() : null,
				organization.visibility(), organization.description(), organization.contact(), organization.archived(),
				organization.createdAt(), path, children);
	}

	private SearchItem item(Organization organization) {
		return new SearchItem(organization.id().toString(), organization.name(), organization.regionCode(),
				(organization.parentId() != null) ? organization.parentId().toString() : null,
				this.regions.find(organization.regionCode()).map(Region::name).orElse(null),
				organization.description());
	}

	private static String or(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

	record NewOrganization(
			@NotBlank @Size(min = OrganizationTexts.NAME_MIN, max = OrganizationTexts.NAME_MAX) String name,
			@NotBlank String regionCode, @Nullable UUID parentId, @Nullable Visibility visibility,
			@Nullable @Size(max = OrganizationTexts.DESCRIPTION_MAX) String description,
			@Nullable @Size(max = OrganizationTexts.CONTACT_MAX) String contact) {
	}

	record OrganizationChanges(
			@Nullable @Size(min = OrganizationTexts.NAME_MIN, max = OrganizationTexts.NAME_MAX) String name,
			@Nullable String regionCode, @Nullable Visibility visibility,
			@Nullable @Size(max = OrganizationTexts.DESCRIPTION_MAX) String description,
			@Nullable @Size(max = OrganizationTexts.CONTACT_MAX) String contact) {
	}

	record Move(@Nullable UUID parentId) {
	}

	record Link(String id, String name) {
	}

	record OrganizationView(String id, String name, String regionCode, @Nullable String regionName,
			@Nullable String parentId, Visibility visibility, String description, String contact, boolean archived,
			Instant createdAt, List<Link> path, List<Link> children) {
	}

	record SearchItem(String id, String name, String regionCode, @Nullable String parentId, @Nullable String regionName,
			String description) {
	}

	record SearchResult(List<SearchItem> items, long total, int page, int size) {
	}

}
