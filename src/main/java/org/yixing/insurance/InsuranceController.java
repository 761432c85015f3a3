package org.yixing.insurance;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.identity.StaffOnly;

/** Insurance products and policies (docs/API.md). */
@RestController
@RequestMapping("/api/v1")
class InsuranceController {

	private final Insurance insurance;

	InsuranceController(Insurance insurance) {
		this.insurance = insurance;
	}

	@StaffOnly
	@PostMapping("/admin/insurance-products")
	@ResponseStatus(HttpStatus.CREATED)
	Insurance.Product publish(AuthenticatedAccount caller, @Valid @RequestBody NewProduct body) {
		return this.insurance.publish(caller,
				Insurance.draft(body.insurer(), body.planName(), body.coverageSummary(), body.coverageStart(),
						body.coverageEnd(),
						(body.eligibleOrganizationIds() != null) ? body.eligibleOrganizationIds() : List.of()));
	}

	@GetMapping("/insurance-products")
	List<Insurance.Product> products(AuthenticatedAccount caller) {
		return this.insurance.available(caller);
	}

	/** 201 with a new policy; 200 with the existing one when claimed before. */
	@PostMapping("/insurance-products/{id}/claims")
	ResponseEntity<PolicyView> claim(AuthenticatedAccount caller, @PathVariable UUID id) {
		Insurance.Claim claim = this.insurance.claim(caller, id);
		return ResponseEntity.status(claim.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(PolicyView.of(claim.policy()));
	}

	@GetMapping("/me/policies")
	List<PolicyView> policies(AuthenticatedAccount caller) {
		return this.insurance.policiesOf(caller).stream().map(PolicyView::of).toList();
	}

	record NewProduct(@NotBlank @Size(max = Insurance.MAX_NAME) String insurer,
			@NotBlank @Size(max = Insurance.MAX_NAME) String planName,
			@Nullable @Size(max = Insurance.MAX_SUMMARY) String coverageSummary, @NotNull LocalDate coverageStart,
			@NotNull LocalDate coverageEnd, @Nullable List<UUID> eligibleOrganizationIds) {
	}

	record PolicyView(String policyNumber, String productId, String insurer, String planName, String coverageSummary,
			LocalDate coverageStart, LocalDate coverageEnd) {

		static PolicyView of(Insurance.Policy policy) {
			return new PolicyView(policy.policyNumber(), policy.productId().toString(), policy.insurer(),
					policy.planName(), policy.coverageSummary(), policy.coverageStart(), policy.coverageEnd());
		}

	}

}
