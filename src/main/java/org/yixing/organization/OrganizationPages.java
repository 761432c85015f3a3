package org.yixing.organization;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.region.HomeRegion;
import org.yixing.region.Region;
import org.yixing.region.Regions;
import org.yixing.shared.DomainException;
import org.yixing.shared.ReviewStatus;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * 组织: search by the home page's region and a name (hidden ones never appear, FAQ 9 says
 * why a search may find nothing), an organization's page with 加入组织, and my organizations
 * and requests.
 */
@PageController
class OrganizationPages {

	private static final int PAGE_SIZE = 20;

	private final OrganizationManagement organizations;

	private final Organizations store;

	private final MembershipManagement memberships;

	private final Regions regions;

	private final HomeRegion homeRegion;

	private final PageFeedback feedback;

	private final OrganizationAnnouncements announcements;

	OrganizationPages(OrganizationManagement organizations, Organizations store, MembershipManagement memberships,
			Regions regions, HomeRegion homeRegion, PageFeedback feedback, OrganizationAnnouncements announcements) {
		this.announcements = announcements;
		this.organizations = organizations;
		this.store = store;
		this.memberships = memberships;
		this.regions = regions;
		this.homeRegion = homeRegion;
		this.feedback = feedback;
	}

	@GetMapping("/organizations")
	String search(AuthenticatedAccount me, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String province,
			@RequestParam(required = false) @Nullable String city,
			@RequestParam(required = false) @Nullable String district, @RequestParam(defaultValue = "0") int page,
			HttpServletRequest request, Model model) {
		String regionCode = (province != null) ? this.regions.picker(province, city, district).chosen()
				: this.homeRegion.of(request).code();
		Organizations.Page found = this.organizations.search(regionCode, q, page, PAGE_SIZE);
		model.addAttribute("picker", this.regions.picker(regionCode));
		model.addAttribute("q", (q != null) ? q.strip() : "");
		model.addAttribute("found", found);
		model.addAttribute("regionNames", regionNames(found.items()));
		// "会计学院志愿者协会 · 中南财经政法大学 · 洪山区": which university a college's association
		// belongs to.
		model.addAttribute("parentNames",
				this.store.namesOf(found.items()
					.stream()
					.map(Organization::parentId)
					.filter(java.util.Objects::nonNull)
					.map(OrganizationId::value)
					.toList()));
		model.addAttribute("regionName", this.regions.find(String.valueOf(regionCode)).map(Region::name).orElse(""));
		model.addAttribute("mine", myRoles(me));
		model.addAttribute("pending", pendingOrganizations(me));
		return "organization/search";
	}

	@GetMapping("/organizations/{id}")
	String organization(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		Organization organization = this.organizations.get(me, new OrganizationId(id));
		model.addAttribute("organization", organization);
		model.addAttribute("region",
				this.regions.find(organization.regionCode()).map(Region::name).orElse(organization.regionCode()));
		model.addAttribute("path", this.organizations.path(organization.id()));
		model.addAttribute("children", this.organizations.children(me, organization.id()));
		model.addAttribute("role", myRoles(me).get(organization.id()));
		model.addAttribute("requestStatus",
				this.memberships.myRequests(me)
					.stream()
					.filter((r) -> r.organizationId().equals(organization.id()))
					.findFirst()
					.map(Memberships.Request::status)
					.map(ReviewStatus::name)
					.orElse(null));
		model.addAttribute("back", "/organizations");
		model.addAttribute("messageMax", MembershipManagement.MAX_MESSAGE);
		// 组织公告 (RULES §4) are for its members and those of the organizations below it.
		model.addAttribute("announcements", this.announcements.mayRead(me, organization.id())
				? this.announcements.of(organization.id(), OrganizationAnnouncements.SHOWN) : List.of());
		return "organization/organization";
	}

	/** 加入组织 → 等待审核. */
	@PostMapping("/organizations/{id}/join")
	String join(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String message, HttpServletResponse response, Model model) {
		try {
			this.memberships.apply(me, new OrganizationId(id), message);
			return "redirect:/organizations/" + id + "?applied";
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, organization(me, id, model));
		}
	}

	@GetMapping("/organizations/mine")
	String mine(AuthenticatedAccount me, Model model) {
		List<Memberships.MyOrganization> mine = this.memberships.organizationsOf(me);
		List<Memberships.Request> requests = this.memberships.myRequests(me);
		Map<OrganizationId, String> names = requests.stream()
			.map(Memberships.Request::organizationId)
			.distinct()
			.collect(Collectors.toMap(Function.identity(),
					(id) -> this.store.find(id).map(Organization::name).orElse("")));
		model.addAttribute("organizations", mine);
		model.addAttribute("requests", requests);
		model.addAttribute("names", names);
		model.addAttribute("back", "/me");
		return "organization/mine";
	}

	private Map<OrganizationId, MemberRole> myRoles(AuthenticatedAccount me) {
		return this.memberships.organizationsOf(me)
			.stream()
			.collect(Collectors.toMap((m) -> m.organization().id(), Memberships.MyOrganization::role, (a, b) -> a));
	}

	private List<OrganizationId> pendingOrganizations(AuthenticatedAccount me) {
		return this.memberships.myRequests(me)
			.stream()
			.filter((r) -> r.status() == ReviewStatus.PENDING)
			.map(Memberships.Request::organizationId)
			.toList();
	}

	private Map<String, String> regionNames(List<Organization> items) {
		return items.stream()
			.map(Organization::regionCode)
			.distinct()
			.collect(Collectors.toMap(Function.identity(),
					(code) -> this.regions.find(code).map(Region::name).orElse(code)));
	}

}
