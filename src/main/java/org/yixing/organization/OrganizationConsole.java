package org.yixing.organization;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.region.Region;
import org.yixing.region.Regions;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Reason;
import org.yixing.shared.ReviewStatus;
import org.yixing.shared.ServerWarnings;
import org.yixing.shared.web.IdNumberLines;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * The admin console's organization pages (/admin): the organizations an admin runs with
 * their pending requests, an organization's facts, children and archive, the membership
 * queue (one by one and in bulk) and the members. Every action goes through the same
 * services, and so the same scope rules, as the API.
 */
@PageController
class OrganizationConsole {

	private final OrganizationManagement management;

	private final MembershipManagement memberships;

	private final Organizations organizations;

	private final Memberships membershipStore;

	private final AccountDirectory accounts;

	private final OrganizationPolicy policy;

	private final Regions regions;

	private final PageFeedback feedback;

	private final AuditLog audit;

	private final OrganizationDirectory directory;

	private final ServerWarnings warnings;

	private final MemberBatch batch;

	private final OrganizationAnnouncements announcements;

	private final List<OverviewPart> overviewParts;

	OrganizationConsole(OrganizationManagement management, MembershipManagement memberships,
			Organizations organizations, Memberships membershipStore, AccountDirectory accounts,
			OrganizationPolicy policy, Regions regions, PageFeedback feedback, AuditLog audit,
			OrganizationDirectory directory, ServerWarnings warnings, MemberBatch batch,
			OrganizationAnnouncements announcements, List<OverviewPart> overviewParts) {
		this.overviewParts = overviewParts;
		this.announcements = announcements;
		this.batch = batch;
		this.warnings = warnings;
		this.directory = directory;
		this.audit = audit;
		this.management = management;
		this.memberships = memberships;
		this.organizations = organizations;
		this.membershipStore = membershipStore;
		this.accounts = accounts;
		this.policy = policy;
		this.regions = regions;
		this.feedback = feedback;
	}

	/** 概览: staff see the top level; admins the organizations they administer. */
	@GetMapping("/admin")
	String dashboard(AuthenticatedAccount me, Model model) {
		model.addAttribute("orgLimits", OrganizationTexts.LIMITS);
		List<Organization> mine = me.staff() ? this.organizations.topLevel()
				: this.membershipStore.organizationsOf(me.id())
					.stream()
					.filter((m) -> m.role() == MemberRole.ADMIN)
					.map(Memberships.MyOrganization::organization)
					.toList();
		// Requests wait where volunteers sent them, often a college below: each row
		// counts
		// its whole subtree and names where they wait.
		Map<OrganizationId, Integer> pending = new LinkedHashMap<>();
		Map<OrganizationId, List<Memberships.PendingBelow>> below = new LinkedHashMap<>();
		for (Organization organization : mine) {
			List<Memberships.PendingBelow> waiting = this.membershipStore.pendingBelow(organization.id());
			pending.put(organization.id(), waiting.stream().mapToInt(Memberships.PendingBelow::pending).sum());
			below.put(organization.id(), waiting.stream().filter((w) -> w.depth() > 0).toList());
		}
		model.addAttribute("organizations", mine);
		// What the other modules say needs doing (today's activities, requests waiting),
		// of these organizations and every one below them, read once for all parts.
		List<OrganizationId> within = mine.stream()
			.flatMap((o) -> this.organizations.subtreeIds(o.id()).stream())
			.distinct()
			.map(OrganizationId::new)
			.toList();
		model.addAttribute("parts",
				within.isEmpty() ? List.of()
						: this.overviewParts.stream()
							.flatMap((part) -> part.of(me, within).stream())
							.sorted(Comparator.comparingInt(OverviewPart.Shown::order))
							.toList());
		model.addAttribute("pending", pending);
		model.addAttribute("below", below);
		model.addAttribute("staff", me.staff());
		// Staff run the platform: what the server needs of them, in a line, before the
		// rest.
		model.addAttribute("serverWarnings", me.staff() ? this.warnings.now().size() : 0);
		// and the volunteers waiting for staff to give them their account back.
		model.addAttribute("idPhotosWaiting", me.staff() ? this.accounts.idPhotoReviewsWaiting() : 0L);
		model.addAttribute("picker", this.regions.picker((String) null));
		return "organization/console/dashboard";
	}

	@GetMapping("/admin/organizations/{id}")
	String organization(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		Organization organization = administered(me, id, model);
		model.addAttribute("organization", organization);
		model.addAttribute("picker", this.regions.picker(organization.regionCode()));
		model.addAttribute("regionName",
				this.regions.find(organization.regionCode()).map(Region::name).orElse(organization.regionCode()));
		model.addAttribute("path", this.organizations.path(organization.id()));
		model.addAttribute("children", this.organizations.children(organization.id()));
		model.addAttribute("moveTargets", moveTargets(me, organization));
		model.addAttribute("announcements", this.announcements.of(organization.id(), OrganizationAnnouncements.SHOWN));
		model.addAttribute("announcementMax", OrganizationAnnouncements.TEXT_MAX);
		model.addAttribute("announcementDaily", OrganizationAnnouncements.DAILY_MAX);
		return "organization/console/organization";
	}

	/** 组织公告 (RULES §4), from the organization's page; a refusal keeps the text. */
	@PostMapping("/admin/organizations/{id}/announcements")
	String announce(AuthenticatedAccount me, @PathVariable UUID id, @ModelAttribute AnnouncementForm form,
			HttpServletResponse response, Model model) {
		try {
			this.announcements.send(me, new OrganizationId(id), form.text());
			return "redirect:/admin/organizations/" + id + "?announced#announcements";
		}
		catch (DomainException ex) {
			model.addAttribute("announcementText", form.text());
			return this.feedback.refuse(model, ex, response, organization(me, id, model));
		}
	}

	/** 组织公告's form: the text as typed. */
	record AnnouncementForm(@Nullable String text) {
	}

	/**
	 * Where the organization may move: below any organization the caller administers,
	 * except itself and what is below it (the service checks again); staff also to the
	 * top level.
	 */
	private List<Organization> moveTargets(AuthenticatedAccount me, Organization organization) {
		List<OrganizationId> roots = me.staff() ? this.organizations.topLevel().stream().map(Organization::id).toList()
				: this.membershipStore.organizationsOf(me.id())
					.stream()
					.filter((m) -> m.role() == MemberRole.ADMIN)
					.map((m) -> m.organization().id())
					.toList();
		java.util.Set<OrganizationId> ownSubtree = this.organizations.subtreesOf(List.of(organization.id()))
			.stream()
			.map(Organization::id)
			.collect(java.util.stream.Collectors.toSet());
		return this.organizations.subtreesOf(roots)
			.stream()
			.filter((o) -> !ownSubtree.contains(o.id()))
			.filter((o) -> !o.id().equals(organization.parentId()))
			.toList();
	}

	/** 移动: below another organization, or (staff) to the top level. */
	@PostMapping("/admin/organizations/{id}/move")
	String move(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String parentId, HttpServletResponse response, Model model) {
		try {
			OrganizationId parent = null;
			if (parentId != null && !parentId.isBlank() && !"TOP".equals(parentId)) {
				try {
					parent = new OrganizationId(UUID.fromString(parentId.strip()));
				}
				catch (IllegalArgumentException ex) {
					throw new DomainException(ErrorCode.NOT_FOUND);
				}
			}
			this.management.move(me, new OrganizationId(id), parent);
			return "redirect:/admin/organizations/" + id + "?moved";
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, organization(me, id, model));
		}
	}

	/** A top-level organization (staff) or a child of {@code parentId} (its admins). */
	@PostMapping("/admin/organizations")
	String create(AuthenticatedAccount me, @RequestParam(required = false) @Nullable UUID parentId,
			@ModelAttribute OrganizationForm form, HttpServletResponse response, Model model) {
		try {
			String regionCode = this.regions.picker(form.province(), form.city(), form.district()).chosen();
			Organization created = this.management.create(me,
					new OrganizationManagement.Draft(OrganizationTexts.name(form.name()),
							(regionCode != null) ? regionCode : "", visibility(form.visibility()), "", ""),
					(parentId != null) ? new OrganizationId(parentId) : null);
			return "redirect:/admin/organizations/" + created.id() + "?created";
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response,
					(parentId != null) ? organization(me, parentId, model) : dashboard(me, model));
		}
	}

	@PostMapping("/admin/organizations/{id}")
	String update(AuthenticatedAccount me, @PathVariable UUID id, @ModelAttribute OrganizationForm form,
			HttpServletResponse response, Model model) {
		try {
			this.management.update(me, new OrganizationId(id),
					new OrganizationManagement.Changes(OrganizationTexts.name(form.name()),
							this.regions.picker(form.province(), form.city(), form.district()).chosen(),
							visibility(form.visibility()), form.description(), form.contact()));
			return "redirect:/admin/organizations/" + id + "?saved";
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, organization(me, id, model));
		}
	}

	@PostMapping("/admin/organizations/{id}/archive")
	String archive(AuthenticatedAccount me, @PathVariable UUID id) {
		this.management.archive(me, new OrganizationId(id));
		return "redirect:/admin?archived";
	}

	/** 入会申请: the queue of this organization. */
	@GetMapping("/admin/organizations/{id}/requests")
	String requests(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "PENDING") String status, Model model) {
		administered(me, id, model);
		ReviewStatus shown = ReviewStatus.named(status, ReviewStatus.PENDING);
		List<Memberships.Request> requests = this.memberships.requests(me, new OrganizationId(id), shown);
		model.addAttribute("requests", requests);
		model.addAttribute("people",
				this.accounts.findAll(requests.stream().map(Memberships.Request::accountId).toList()));
		model.addAttribute("status", shown.name());
		return "organization/console/requests";
	}

	/** Approves or rejects the chosen requests; each one as the API would. */
	@PostMapping("/admin/organizations/{id}/requests")
	String decide(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable List<UUID> requestIds,
			@RequestParam(required = false) @Nullable String decision,
			@RequestParam(required = false) @Nullable String reason, HttpServletResponse response, Model model) {
		List<UUID> chosen = (requestIds != null) ? requestIds : List.of();
		boolean approve = "approve".equals(decision);
		String why = (reason != null) ? reason.strip() : "";
		try {
			if (!approve) {
				why = Reason.check(reason);
			}
			this.policy.requireAdmin(me, new OrganizationId(id));
			List<String> failed = new ArrayList<>();
			for (UUID requestId : chosen) {
				try {
					if (approve) {
						this.memberships.approve(me, requestId);
					}
					else {
						this.memberships.reject(me, requestId, why);
					}
				}
				catch (DomainException ex) {
					if (ex.code() == ErrorCode.FORBIDDEN) {
						throw ex;
					}
					failed.add(this.feedback.message(ex));
				}
			}
			return "redirect:/admin/organizations/" + id + "/requests?decided=" + (chosen.size() - failed.size());
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, requests(me, id, "PENDING", model));
		}
	}

	/**
	 * 成员: search by name, masked ID or phone ending; add by ID number; remove; admins.
	 */
	@GetMapping("/admin/organizations/{id}/members")
	String members(AuthenticatedAccount me, @PathVariable UUID id, @RequestParam(defaultValue = "") String q,
			Model model) {
		administered(me, id, model);
		List<Memberships.Member> members = this.memberships.members(me, new OrganizationId(id));
		Map<AccountId, AccountDirectory.AccountSummary> people = this.accounts
			.findAll(members.stream().map(Memberships.Member::accountId).toList());
		String query = q.strip();
		// A whole phone number finds its account (phones are sealed, found by keyed
		// hash).
		AccountId byPhone = this.accounts.findByPhone(query).map(AccountDirectory.AccountSummary::id).orElse(null);
		model.addAttribute("members", members.stream().filter((m) -> {
			AccountDirectory.AccountSummary person = people.get(m.accountId());
			return query.isEmpty() || m.accountId().equals(byPhone)
					|| (person != null && (person.realName().contains(query)
							|| person.idNumberMasked().contains(query.toUpperCase(java.util.Locale.ROOT))));
		}).toList());
		model.addAttribute("people", people);
		model.addAttribute("numbers", this.directory.studentNumbers(new OrganizationId(id),
				members.stream().map((m) -> m.accountId().value()).toList()));
		model.addAttribute("me", me.id().value());
		model.addAttribute("q", query);
		model.addAttribute("batchMax", MemberBatch.MAX_LINES);
		return "organization/console/members";
	}

	@PostMapping("/admin/organizations/{id}/members")
	String addMember(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String idNumber, HttpServletResponse response, Model model) {
		try {
			this.memberships.addByIdNumber(me, new OrganizationId(id), String.valueOf(idNumber).strip());
			return "redirect:/admin/organizations/" + id + "/members?added";
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, members(me, id, "", model));
		}
	}

	/**
	 * 批量添加成员: the ID numbers pasted one a line (a column copied from a spreadsheet), and
	 * the page again with what became of them.
	 */
	@PostMapping("/admin/organizations/{id}/members/batch")
	String addMembers(AuthenticatedAccount me, @PathVariable UUID id, @ModelAttribute MemberBatchForm form,
			HttpServletResponse response, Model model) {
		try {
			model.addAttribute("batch", this.batch.add(me, new OrganizationId(id), IdNumberLines.of(form.idNumbers()),
					org.springframework.context.i18n.LocaleContextHolder.getLocale()));
			return members(me, id, "", model);
		}
		catch (DomainException ex) {
			model.addAttribute("idNumbers", form.idNumbers());
			return this.feedback.refuse(model, ex, response, members(me, id, "", model));
		}
	}

	/** The bulk form: ID numbers, one a line. */
	record MemberBatchForm(@Nullable String idNumbers) {
	}

	@PostMapping("/admin/organizations/{id}/members/{accountId}/remove")
	String removeMember(AuthenticatedAccount me, @PathVariable UUID id, @PathVariable UUID accountId) {
		this.memberships.remove(me, new OrganizationId(id), new AccountId(accountId));
		return "redirect:/admin/organizations/" + id + "/members?removed";
	}

	@PostMapping("/admin/organizations/{id}/members/{accountId}/admin")
	String setAdmin(AuthenticatedAccount me, @PathVariable UUID id, @PathVariable UUID accountId,
			@RequestParam(defaultValue = "grant") String action) {
		if ("revoke".equals(action)) {
			this.memberships.revokeAdmin(me, new OrganizationId(id), new AccountId(accountId));
		}
		else {
			this.memberships.grantAdmin(me, new OrganizationId(id), new AccountId(accountId));
		}
		return "redirect:/admin/organizations/" + id + "/members";
	}

	/** 审计日志: who did what, when, in this organization; filterable by action. */
	@GetMapping("/admin/organizations/{id}/audit")
	String audit(AuthenticatedAccount me, @PathVariable UUID id, @RequestParam(defaultValue = "") String action,
			Model model) {
		Organization organization = administered(me, id, model);
		List<String> targets = List.of(organization.id().toString());
		String filter = action.isBlank() ? null : action.strip();
		List<AuditLog.Entry> entries = this.audit.about("ORGANIZATION", targets, filter, 500);
		model.addAttribute("entries", entries);
		model.addAttribute("actions", this.audit.actionsAbout("ORGANIZATION", targets));
		model.addAttribute("action", (filter != null) ? filter : "");
		model.addAttribute("people", this.accounts
			.findAllByUuid(entries.stream().map(AuditLog.Entry::actorId).filter(java.util.Objects::nonNull).toList()));
		return "organization/console/audit";
	}

	/** The organization, when the caller may administer it (else 403, as the API). */
	private Organization administered(AuthenticatedAccount me, UUID id, Model model) {
		Organization organization = this.organizations.find(new OrganizationId(id))
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(me, organization.id());
		model.addAttribute("consoleOrganization", organization);
		model.addAttribute("orgLimits", OrganizationTexts.LIMITS);
		return organization;
	}

	private static Visibility visibility(@Nullable String visibility) {
		return "HIDDEN".equals(visibility) ? Visibility.HIDDEN : Visibility.LISTED;
	}

	/**
	 * The organization form's fields (a new organization has no description or contact
	 * yet), checked by {@link OrganizationTexts} in the service.
	 */
	record OrganizationForm(@Nullable String name, @Nullable String province, @Nullable String city,
			@Nullable String district, @Nullable String visibility, @Nullable String description,
			@Nullable String contact) {
	}

}
