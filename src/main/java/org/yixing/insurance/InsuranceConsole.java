package org.yixing.insurance;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * Platform staff's insurance products in the console: publish one (insurer, plan,
 * coverage, period, eligible organizations), end one, and how many policies each has.
 */
@PageController
class InsuranceConsole {

	/** The form's limits are the product's own ({@link Insurance#draft}). */
	@ModelAttribute("insuranceLimits")
	Map<String, Integer> insuranceLimits() {
		return Map.of("name", Insurance.MAX_NAME, "summary", Insurance.MAX_SUMMARY);
	}

	private final Insurance insurance;

	private final PageFeedback feedback;

	InsuranceConsole(Insurance insurance, PageFeedback feedback) {
		this.insurance = insurance;
		this.feedback = feedback;
	}

	@GetMapping("/admin/insurance")
	String products(AuthenticatedAccount me, Model model) {
		model.addAttribute("products", this.insurance.available(me.requireStaff()));
		model.addAttribute("claims", this.insurance.claims(me));
		return "insurance/console/products";
	}

	@PostMapping("/admin/insurance")
	String publish(AuthenticatedAccount me, @ModelAttribute ProductForm form, HttpServletResponse response,
			Model model) {
		try {
			this.insurance.publish(me.requireStaff(),
					Insurance.draft(form.insurer(), form.planName(), form.coverageSummary(),
							date("coverageStart", form.coverageStart()), date("coverageEnd", form.coverageEnd()),
							organizations(form.eligibleOrganizationIds())));
			return "redirect:/admin/insurance?published";
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, products(me, model));
		}
	}

	@PostMapping("/admin/insurance/{id}/end")
	String end(AuthenticatedAccount me, @PathVariable UUID id) {
		this.insurance.end(me, id);
		return "redirect:/admin/insurance?ended";
	}

	/**
	 * What the publish form sends: the texts, the period as {@code yyyy-MM-dd}, and the
	 * eligible organizations' ids, one a line or separated by commas.
	 */
	record ProductForm(@Nullable String insurer, @Nullable String planName, @Nullable String coverageSummary,
			@Nullable String coverageStart, @Nullable String coverageEnd, @Nullable String eligibleOrganizationIds) {
	}

	private static LocalDate date(String field, @Nullable String value) {
		try {
			return LocalDate.parse(String.valueOf(value));
		}
		catch (DateTimeParseException ex) {
			throw DomainException.invalidField(field, "typeMismatch");
		}
	}

	/** Organization ids, one a line or separated by commas; none: every volunteer. */
	private static List<UUID> organizations(@Nullable String value) {
		List<UUID> ids = new ArrayList<>();
		for (String part : String.valueOf(value).split("[,\\s]+")) {
			if (!part.isBlank() && !"null".equals(part)) {
				try {
					ids.add(UUID.fromString(part.strip()));
				}
				catch (IllegalArgumentException ex) {
					throw DomainException.invalidField("eligibleOrganizationIds", "insurance.organization.unknown");
				}
			}
		}
		return ids;
	}

}
