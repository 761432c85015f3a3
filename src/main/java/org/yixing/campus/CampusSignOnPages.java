package org.yixing.campus;

import java.util.ArrayList;
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
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.identity.CampusIdentities;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;
import org.yixing.shared.web.PublicAddress;

/**
 * 我的 → 学校账号 (RULES §14): the volunteer's campus identities with their 学号, linking one
 * (through the provider's sign-in) and unlinking one with the password; and, for platform
 * staff, the console page that connects a university.
 */
@PageController
class CampusSignOnPages {

	private final CampusConnections connections;

	private final CampusConnectionSettings settings;

	private final CampusIdentities identities;

	private final OrganizationDirectory organizations;

	private final PageFeedback feedback;

	private final PublicAddress publicAddress;

	CampusSignOnPages(CampusConnections connections, CampusConnectionSettings settings, CampusIdentities identities,
			OrganizationDirectory organizations, PageFeedback feedback, PublicAddress publicAddress) {
		this.publicAddress = publicAddress;
		this.connections = connections;
		this.settings = settings;
		this.identities = identities;
		this.organizations = organizations;
		this.feedback = feedback;
	}

	@GetMapping("/me/campus-sign-on")
	String mine(AuthenticatedAccount me, Model model) {
		Map<UUID, CampusIdentities.Link> links = new LinkedHashMap<>();
		this.identities.linksOf(me.id()).forEach((link) -> links.put(link.organization(), link));
		List<Entry> entries = new ArrayList<>();
		for (CampusConnection connection : this.connections.enabled()) {
			CampusIdentities.Link link = links.remove(connection.organization());
			entries.add(new Entry(connection.organization(), connection.label(), name(connection.organization()), link,
					true));
		}
		// Links of a connection since disabled stay, and can still be undone.
		links.forEach((organization,
				link) -> entries.add(new Entry(organization,
						this.connections.find(organization).map(CampusConnection::label).orElse(name(organization)),
						name(organization), link, false)));
		model.addAttribute("entries", entries);
		model.addAttribute("back", "/me");
		return "campus/mine";
	}

	@PostMapping("/me/campus-sign-on/{organization}/unlink")
	String unlink(AuthenticatedAccount me, @PathVariable UUID organization, @ModelAttribute UnlinkForm form,
			HttpServletResponse response, Model model) {
		try {
			this.identities.unlink(me.id(), organization, form.password());
			return "redirect:/me/campus-sign-on?unlinked";
		}
		catch (DomainException ex) {
			model.addAttribute("unlinking", organization);
			return this.feedback.refuse(model, ex, response, mine(me, model));
		}
	}

	@GetMapping("/admin/campus-sign-on")
	String console(AuthenticatedAccount me, @RequestParam(required = false) @Nullable UUID organization, Model model) {
		me.requireStaff();
		List<OrganizationDirectory.OrganizationSummary> universities = this.organizations.topLevel();
		Map<UUID, CampusConnection> connected = new LinkedHashMap<>();
		for (OrganizationDirectory.OrganizationSummary university : universities) {
			this.connections.find(university.id().value()).ifPresent((c) -> connected.put(c.organization(), c));
		}
		model.addAttribute("universities", universities);
		model.addAttribute("connected", connected);
		UUID chosen = (organization != null) ? organization
				: universities.stream().map((u) -> u.id().value()).findFirst().orElse(null);
		model.addAttribute("chosen", chosen);
		CampusConnection current = (chosen != null) ? connected.get(chosen) : null;
		if (!model.containsAttribute("form")) {
			model.addAttribute("form",
					(current != null)
							? new ConnectionForm(current.issuer(), current.clientId(), null, current.numberClaim(),
									current.label(), current.autoJoin(), current.enabled())
							: new ConnectionForm(null, null, null, "preferred_username", null, false, true));
		}
		model.addAttribute("secretStored", current != null);
		model.addAttribute("redirectUri", this.publicAddress.base() + CampusRegistrations.CALLBACK);
		return "campus/console";
	}

	@PostMapping("/admin/campus-sign-on/{organization}")
	String connect(AuthenticatedAccount me, @PathVariable UUID organization, @ModelAttribute ConnectionForm form,
			HttpServletResponse response, Model model) {
		try {
			CampusConnectionSettings.View saved = this.settings.connect(me.requireStaff(), organization,
					new CampusConnectionSettings.Request(form.issuer(), form.clientId(), form.clientSecret(),
							form.numberClaim(), form.label(), Boolean.TRUE.equals(form.autoJoin()),
							Boolean.TRUE.equals(form.enabled())));
			return "redirect:/admin/campus-sign-on?saved"
					+ (Boolean.FALSE.equals(saved.providerReachable()) ? "&unreachable" : "") + "&organization="
					+ organization;
		}
		catch (DomainException ex) {
			model.addAttribute("form", form);
			return this.feedback.refuse(model, ex, response, console(me, organization, model));
		}
	}

	private String name(UUID organization) {
		return this.organizations.find(new OrganizationId(organization))
			.map(OrganizationDirectory.OrganizationSummary::name)
			.orElse("");
	}

	/**
	 * @param link null when not linked
	 * @param enabled whether its connection signs in (else the link stays, doing nothing)
	 */
	record Entry(UUID organization, String label, String universityName, CampusIdentities.@Nullable Link link,
			boolean enabled) {
	}

	record UnlinkForm(@Nullable String password) {
	}

	/**
	 * The console's form: the same fields as {@code PUT
	 * /organizations/{id}/campus-sign-on}, checked by the same
	 * {@link CampusConnection#of}; unticked boxes are false.
	 */
	record ConnectionForm(@Nullable String issuer, @Nullable String clientId, @Nullable String clientSecret,
			@Nullable String numberClaim, @Nullable String label, @Nullable Boolean autoJoin,
			@Nullable Boolean enabled) {
	}

}
