package org.yixing.reporting;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * 排行 in the console: the organization's ranking for a range (default this year), the
 * first ten marked as 十佳 candidates, and the spreadsheets of both.
 */
@PageController
class RankingConsole {

	private final Rankings rankings;

	private final OrganizationDirectory organizations;

	private final PageFeedback feedback;

	private final Ranges ranges;

	RankingConsole(Rankings rankings, OrganizationDirectory organizations, PageFeedback feedback, Ranges ranges) {
		this.rankings = rankings;
		this.organizations = organizations;
		this.feedback = feedback;
		this.ranges = ranges;
	}

	@GetMapping("/admin/organizations/{id}/rankings")
	String rankings(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			HttpServletResponse response, Model model) {
		OrganizationId organization = new OrganizationId(id);
		model.addAttribute("consoleOrganization", this.organizations.administeredBy(me, organization));
		Ranges.Range shown = this.ranges.shown(from, to);
		model.addAttribute("from", shown.from());
		model.addAttribute("to", shown.to());
		try {
			model.addAttribute("ranked", this.rankings.of(me, organization, from, to, 100));
		}
		catch (DomainException ex) {
			model.addAttribute("ranked", List.of());
			return this.feedback.refuse(model, ex, response, "reporting/console/rankings");
		}
		return "reporting/console/rankings";
	}

	@GetMapping("/admin/organizations/{id}/rankings.xlsx")
	ResponseEntity<byte[]> rankingsSpreadsheet(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		return RankingController.xlsx("rankings-" + id + ".xlsx", this.rankings
			.spreadsheet(this.rankings.of(me, new OrganizationId(id), from, to, Rankings.MAX_LIMIT), false));
	}

	@GetMapping("/admin/organizations/{id}/top-volunteers.xlsx")
	ResponseEntity<byte[]> topSpreadsheet(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		return RankingController.xlsx("top-volunteers-" + id + ".xlsx",
				this.rankings.spreadsheet(this.rankings.of(me, new OrganizationId(id), from, to, 10), true));
	}

}
