package org.yixing.insurance;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/** 领保险 (附注 领取保险): the products on offer, 领取保险, and my policies. */
@PageController
class InsurancePages {

	private final Insurance insurance;

	private final PageFeedback feedback;

	InsurancePages(Insurance insurance, PageFeedback feedback) {
		this.insurance = insurance;
		this.feedback = feedback;
	}

	@GetMapping("/insurance")
	String insurance(AuthenticatedAccount me, Model model) {
		var policies = this.insurance.policiesOf(me);
		Set<UUID> claimed = policies.stream().map(Insurance.Policy::productId).collect(Collectors.toSet());
		model.addAttribute("products",
				this.insurance.available(me).stream().filter((p) -> !claimed.contains(p.id())).toList());
		model.addAttribute("policies", policies);
		model.addAttribute("back", "/");
		return "insurance/insurance";
	}

	/** 领取保险: claiming twice keeps the first policy. */
	@PostMapping("/insurance/{productId}/claim")
	String claim(AuthenticatedAccount me, @PathVariable UUID productId, HttpServletResponse response, Model model) {
		try {
			Insurance.Claim claim = this.insurance.claim(me, productId);
			return "redirect:/insurance?claimed=" + claim.policy().policyNumber();
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, insurance(me, model));
		}
	}

}
