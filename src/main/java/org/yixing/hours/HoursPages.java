package org.yixing.hours;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * 我的时数 (信用时数 vs 荣誉时数 as FAQ 14 explains them, 公益益币, the entries) and 工时补录 requests with
 * evidence, the allowed and refused reasons listed as in the guide.
 */
@PageController
class HoursPages {

	private final Ledger ledger;

	private final MakeupRequests makeups;

	private final EvidenceFiles evidence;

	private final OrganizationDirectory organizations;

	private final PageFeedback feedback;

	HoursPages(Ledger ledger, MakeupRequests makeups, EvidenceFiles evidence, OrganizationDirectory organizations,
			PageFeedback feedback) {
		this.ledger = ledger;
		this.makeups = makeups;
		this.evidence = evidence;
		this.organizations = organizations;
		this.feedback = feedback;
	}

	@GetMapping("/me/hours")
	String hours(AuthenticatedAccount me, Model model) {
		model.addAttribute("balance", this.ledger.balance(me.id().value()));
		model.addAttribute("entries", this.ledger.entries(me.id().value()));
		model.addAttribute("back", "/me");
		return "hours/hours";
	}

	@GetMapping("/me/makeup-requests")
	String makeupRequests(AuthenticatedAccount me, Model model) {
		return makeupPage(me, model);
	}

	@PostMapping("/me/makeup-requests")
	String requestMakeup(AuthenticatedAccount me, @ModelAttribute("form") Form form,
			@RequestParam(required = false) @Nullable MultipartFile file, HttpServletResponse response, Model model)
			throws IOException {
		UUID organizationId = form.organizationId();
		Integer hours = form.hours();
		Integer minutes = form.minutes();
		String description = form.description();
		try {
			if (organizationId == null) {
				throw DomainException.invalidField("organizationId", "NotNull");
			}
			int total = Math.multiplyExact(Math.max(0, (hours != null) ? hours : 0), 60)
					+ Math.max(0, (minutes != null) ? minutes : 0);
			// No activity to choose on this page: the description is required here; its
			// limit is the makeup's own (HonorHours.Makeup).
			if (description == null || description.isBlank()) {
				throw DomainException.invalidField("description", "ui.makeup.description.invalid");
			}
			HonorHours.Makeup makeup = HonorHours.Makeup.of(total, String.valueOf(form.reason()), description, null,
					null, null, null, null);
			UUID fileId = null;
			if (file != null && !file.isEmpty()) {
				String name = (file.getOriginalFilename() != null) ? file.getOriginalFilename() : "evidence";
				fileId = this.evidence.store(me, name, file.getBytes()).id();
			}
			this.makeups.submit(me, new OrganizationId(organizationId), new HonorHours.Makeup(makeup.minutes(),
					makeup.reason(), makeup.description(), null, null, null, fileId, null));
			return "redirect:/me/makeup-requests?submitted";
		}
		catch (DomainException | ArithmeticException ex) {
			DomainException refused = (ex instanceof DomainException d) ? d
					: DomainException.invalidField("minutes", "makeup.minutes.invalid");
			return this.feedback.refuse(model, refused, response, makeupPage(me, model));
		}
	}

	private String makeupPage(AuthenticatedAccount me, Model model) {
		List<OrganizationDirectory.OrganizationSummary> mine = this.organizations.organizationsOf(me.id());
		List<MakeupRequests.Request> requests = this.makeups.mine(me);
		Map<UUID, String> names = requests.stream()
			.map(MakeupRequests.Request::organizationId)
			.distinct()
			.collect(Collectors.toMap(Function.identity(),
					(id) -> this.organizations.find(new OrganizationId(id))
						.map(OrganizationDirectory.OrganizationSummary::name)
						.orElse("")));
		model.addAttribute("organizations", mine);
		model.addAttribute("requests", requests);
		model.addAttribute("names", names);
		model.addAttribute("allowed", Arrays.stream(MakeupReason.values()).filter(MakeupReason::allowed).toList());
		model.addAttribute("refused", Arrays.stream(MakeupReason.values()).filter(MakeupReason::refused).toList());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new Form(null, null, null, null, null));
		}
		model.addAttribute("back", "/me");
		return "hours/makeup";
	}

	/**
	 * What the makeup form sends (the evidence file apart), and what it shows again after
	 * a refusal.
	 */
	record Form(@Nullable UUID organizationId, @Nullable Integer hours, @Nullable Integer minutes,
			@Nullable String reason, @Nullable String description) {
	}

}
