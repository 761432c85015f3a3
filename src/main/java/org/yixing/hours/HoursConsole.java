package org.yixing.hours;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.organization.OrganizationPolicy;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Reason;
import org.yixing.shared.ReviewStatus;
import org.yixing.shared.web.Downloads;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * The admin console's hours of an organization: honor hours (工时补录) for one volunteer or
 * in bulk from the {@code .xlsx} template, and the makeup-request queue with its evidence
 * shown inline. The rules are {@link HonorHours}' (RULES §8).
 */
@PageController
class HoursConsole {

	private final HonorHours honorHours;

	private final HonorHoursImport imports;

	private final MakeupRequests makeups;

	private final EvidenceFiles evidence;

	private final AccountDirectory accounts;

	private final OrganizationDirectory organizations;

	private final OrganizationPolicy policy;

	private final PageFeedback feedback;

	private final Ledger ledger;

	HoursConsole(HonorHours honorHours, HonorHoursImport imports, MakeupRequests makeups, EvidenceFiles evidence,
			AccountDirectory accounts, OrganizationDirectory organizations, OrganizationPolicy policy,
			PageFeedback feedback, Ledger ledger) {
		this.ledger = ledger;
		this.honorHours = honorHours;
		this.imports = imports;
		this.makeups = makeups;
		this.evidence = evidence;
		this.accounts = accounts;
		this.organizations = organizations;
		this.policy = policy;
		this.feedback = feedback;
	}

	@GetMapping("/admin/organizations/{id}/hours")
	String hours(AuthenticatedAccount me, @PathVariable UUID id, @RequestParam(required = false) @Nullable UUID member,
			Model model) {
		OrganizationId organization = administered(me, id, model);
		if (member != null && this.organizations.isMemberOfOrBelow(new AccountId(member), organization)) {
			model.addAttribute("chosen", this.accounts.find(new AccountId(member)).orElse(null));
		}
		List<MakeupRequests.Request> pending = this.makeups.ofOrganization(me, organization, ReviewStatus.PENDING);
		model.addAttribute("requests", pending);
		model.addAttribute("people",
				this.accounts.findAllByUuid(pending.stream().map(MakeupRequests.Request::accountId).toList()));
		model.addAttribute("allowed", Arrays.stream(MakeupReason.values()).filter(MakeupReason::allowed).toList());
		model.addAttribute("refused", Arrays.stream(MakeupReason.values()).filter(MakeupReason::refused).toList());
		return "hours/console/hours";
	}

	/**
	 * 补录工时's member picker: members of the organization or below whose name, or the end
	 * of whose ID number, matches what is typed; at most 10.
	 */
	@GetMapping("/admin/organizations/{id}/hours/members")
	String memberChoices(AuthenticatedAccount me, @PathVariable UUID id, @RequestParam(defaultValue = "") String q,
			Model model) {
		OrganizationId organization = new OrganizationId(id);
		this.policy.requireAdmin(me, organization);
		String query = q.strip().toUpperCase(java.util.Locale.ROOT);
		List<AccountDirectory.AccountSummary> found = query.isEmpty() ? List.of()
				: this.accounts.findAll(this.organizations.membersOfOrBelow(organization, 20_000))
					.values()
					.stream()
					.filter((p) -> p.realName().contains(query) || p.idNumberMasked().endsWith(query))
					.sorted(java.util.Comparator.comparing(AccountDirectory.AccountSummary::realName))
					.limit(10)
					.toList();
		model.addAttribute("choices", found);
		model.addAttribute("q", q.strip());
		return "hours/console/hours :: choices";
	}

	/**
	 * Honor hours for one volunteer, picked among the members (or found by ID number).
	 */
	@PostMapping("/admin/organizations/{id}/hours")
	String record(AuthenticatedAccount me, @PathVariable UUID id, @ModelAttribute HonorHoursForm form,
			HttpServletResponse response, Model model) {
		UUID accountId = form.accountId();
		String idNumber = form.idNumber();
		String description = form.description();
		try {
			this.policy.requireAdmin(me, new OrganizationId(id));
			AccountId volunteer;
			if (accountId != null) {
				volunteer = new AccountId(accountId);
				if (!this.organizations.isMemberOfOrBelow(volunteer, new OrganizationId(id))) {
					throw DomainException.invalidField("accountId", "console.hours.pick");
				}
			}
			else if (idNumber != null && !idNumber.isBlank()) {
				volunteer = this.accounts.findByIdNumber(idNumber.strip())
					.orElseThrow(() -> DomainException.invalidField("idNumber", "console.hours.import.noAccount"))
					.id();
			}
			else {
				throw DomainException.invalidField("accountId", "console.hours.pick");
			}
			// The console's form has no activity to choose: the description is required
			// here; its limit is the makeup's own (HonorHours.Makeup).
			String text = (description != null) ? description.strip() : "";
			if (text.isEmpty()) {
				throw DomainException.invalidField("description", "ui.makeup.description.invalid");
			}
			this.honorHours.add(me, new OrganizationId(id), volunteer,
					HonorHours.Makeup.of((form.minutes() != null) ? form.minutes() : 0, String.valueOf(form.reason()),
							text, null, null, null, null, null),
					"MAKEUP", null);
			return "redirect:/admin/organizations/" + id + "/hours?recorded=1";
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, hours(me, id, accountId, model));
		}
	}

	/**
	 * What the honor-hours form sends: the member picked (or an ID number), the minutes,
	 * the reason's code and the description.
	 */
	record HonorHoursForm(@Nullable UUID accountId, @Nullable String idNumber, @Nullable Integer minutes,
			@Nullable String reason, @Nullable String description) {
	}

	/** The bulk upload: every row valid, or nothing written and every bad row named. */
	@PostMapping("/admin/organizations/{id}/hours/import")
	String importRows(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable MultipartFile file, HttpServletResponse response, Model model)
			throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw new DomainException(ErrorCode.INVALID_SPREADSHEET);
			}
			HonorHoursImport.Result result = this.imports.importRows(me, new OrganizationId(id), file.getBytes());
			if (!result.errors().isEmpty()) {
				model.addAttribute("rowErrors", result.errors());
				response.setStatus(422);
				return hours(me, id, null, model);
			}
			return "redirect:/admin/organizations/" + id + "/hours?recorded=" + result.written();
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, hours(me, id, null, model));
		}
	}

	/** A member's ledger: credit and honor entries, as the volunteer sees them. */
	@GetMapping("/admin/organizations/{id}/members/{accountId}/hours")
	String ledger(AuthenticatedAccount me, @PathVariable UUID id, @PathVariable UUID accountId, Model model) {
		OrganizationId organization = administered(me, id, model);
		if (!this.organizations.isMemberOfOrBelow(new AccountId(accountId), organization)) {
			throw new DomainException(ErrorCode.NOT_FOUND);
		}
		model.addAttribute("person", this.accounts.find(new AccountId(accountId)).orElseThrow());
		model.addAttribute("balance", this.ledger.balance(accountId));
		model.addAttribute("entries", this.ledger.entries(accountId));
		return "hours/console/ledger";
	}

	@GetMapping("/admin/organizations/{id}/hours/template.xlsx")
	ResponseEntity<byte[]> template(AuthenticatedAccount me, @PathVariable UUID id) {
		this.policy.requireAdmin(me, new OrganizationId(id));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("工时补录模板.xlsx", StandardCharsets.UTF_8).build().toString())
			.body(HonorHoursImport.template());
	}

	@PostMapping("/admin/makeup-requests/{requestId}/approve")
	String approve(AuthenticatedAccount me, @PathVariable UUID requestId) {
		MakeupRequests.Request request = this.makeups.approve(me, requestId);
		return "redirect:/admin/organizations/" + request.organizationId() + "/hours?decided";
	}

	@PostMapping("/admin/makeup-requests/{requestId}/reject")
	String reject(AuthenticatedAccount me, @PathVariable UUID requestId,
			@RequestParam(required = false) @Nullable String reason) {
		MakeupRequests.Request request = this.makeups.reject(me, requestId, Reason.check(reason));
		return "redirect:/admin/organizations/" + request.organizationId() + "/hours?decided";
	}

	/**
	 * An evidence file as a download, for its uploader, staff and the admins in scope.
	 */
	@GetMapping("/admin/evidence/{fileId}")
	ResponseEntity<byte[]> evidence(AuthenticatedAccount me, @PathVariable UUID fileId) {
		EvidenceFiles.File file = this.evidence.read(me, fileId);
		return Downloads.of(file.content(), file.contentType(), file.fileName());
	}

	private OrganizationId administered(AuthenticatedAccount me, UUID id, Model model) {
		OrganizationDirectory.OrganizationSummary organization = this.organizations.administeredBy(me,
				new OrganizationId(id));
		model.addAttribute("consoleOrganization", organization);
		return organization.id();
	}

}
