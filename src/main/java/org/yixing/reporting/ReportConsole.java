package org.yixing.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.hours.HoursDirectory;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * 统计与导出 in the console: hours per month and active volunteers per college as charts, the
 * 第二课堂 rule and its spreadsheet, and the service records for the national system.
 */
@PageController
class ReportConsole {

	private final OrganizationDirectory organizations;

	private final HoursDirectory hours;

	private final SecondClassroom secondClassroom;

	private final ServiceRecordExports serviceRecords;

	private final Ranges ranges;

	private final PageFeedback feedback;

	ReportConsole(OrganizationDirectory organizations, HoursDirectory hours, SecondClassroom secondClassroom,
			ServiceRecordExports serviceRecords, Ranges ranges, PageFeedback feedback) {
		this.organizations = organizations;
		this.hours = hours;
		this.secondClassroom = secondClassroom;
		this.serviceRecords = serviceRecords;
		this.ranges = ranges;
		this.feedback = feedback;
	}

	@GetMapping("/admin/organizations/{id}/reports")
	String reports(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			HttpServletResponse response, Model model) {
		OrganizationId organization = new OrganizationId(id);
		OrganizationDirectory.OrganizationSummary administered = this.organizations.administeredBy(me, organization);
		model.addAttribute("consoleOrganization", administered);
		model.addAttribute("rule", this.secondClassroom.ruleOf(organization));
		Ranges.Range range;
		try {
			range = this.ranges.of(from, to);
		}
		catch (DomainException ex) {
			range = this.ranges.of(null, null);
			this.feedback.refuse(model, ex);
			response.setStatus(ex.code().status().value());
		}
		model.addAttribute("from", range.from());
		model.addAttribute("to", range.to());
		List<UUID> subtree = this.organizations.subtreeIds(organization);
		Map<LocalDate, HoursDirectory.Month> byMonth = new LinkedHashMap<>();
		this.hours.months(subtree, range.from(), range.to()).forEach((m) -> byMonth.put(m.month(), m));
		List<HoursDirectory.Month> months = new ArrayList<>();
		List<SvgCharts.Bar> monthBars = new ArrayList<>();
		for (LocalDate month = range.from().withDayOfMonth(1); !month.isAfter(range.to()); month = month
			.plusMonths(1)) {
			HoursDirectory.Month m = byMonth.getOrDefault(month, new HoursDirectory.Month(month, 0, 0, 0));
			months.add(m);
			monthBars.add(new SvgCharts.Bar(month.getYear() % 100 + "/" + month.getMonthValue(),
					m.creditMinutes() / 60.0, m.honorMinutes() / 60.0,
					(m.volunteers() > 0) ? this.feedback.text("console.reports.people", m.volunteers()) : null));
		}
		model.addAttribute("months", months);
		model.addAttribute("monthChart",
				SvgCharts.months(this.feedback.text("console.reports.months"),
						this.feedback.text("console.reports.creditHours"),
						this.feedback.text("console.reports.honorHours"), monthBars));
		List<OrganizationDirectory.OrganizationSummary> colleges = this.organizations.childrenOf(organization);
		Map<UUID, List<UUID>> groups = colleges.isEmpty() ? Map.of(id, subtree)
				: this.organizations.childSubtrees(organization);
		Map<UUID, String> names = new LinkedHashMap<>();
		if (colleges.isEmpty()) {
			names.put(id, administered.name());
		}
		colleges.forEach((college) -> names.put(college.id().value(), college.name()));
		Map<UUID, Long> active = this.hours.activeVolunteers(groups, range.from(), range.to());
		List<College> perCollege = names.entrySet()
			.stream()
			.map((e) -> new College(e.getValue(), active.getOrDefault(e.getKey(), 0L)))
			.sorted(Comparator.comparingLong(College::volunteers).reversed())
			.toList();
		model.addAttribute("colleges", perCollege);
		model.addAttribute("collegeChart", SvgCharts.horizontal(this.feedback.text("console.reports.colleges"),
				perCollege.stream().map((c) -> new SvgCharts.Bar(c.name(), c.volunteers(), 0, null)).toList()));
		return "reporting/console/reports";
	}

	@PostMapping("/admin/organizations/{id}/reports/rule")
	String setRule(AuthenticatedAccount me, @PathVariable UUID id, @ModelAttribute RuleForm form,
			HttpServletResponse response, Model model) {
		try {
			BigDecimal cap = null;
			if (form.maxCredits() != null && !form.maxCredits().isBlank()) {
				try {
					cap = new BigDecimal(form.maxCredits().strip());
				}
				catch (NumberFormatException ex) {
					throw DomainException.invalidField("maxCredits", "reporting.rule.max");
				}
			}
			// the rule's limits are the domain's (SecondClassroom.set), as for the API
			this.secondClassroom.set(me, new OrganizationId(id),
					new SecondClassroom.RuleRequest(form.minutesPerCredit(), "on".equals(form.includeHonor()), cap));
			return "redirect:/admin/organizations/" + id + "/reports?saved";
		}
		catch (DomainException ex) {
			this.feedback.refuse(model, ex);
			String view = reports(me, id, null, null, response, model);
			response.setStatus(ex.code().status().value());
			return view;
		}
	}

	/**
	 * What the 第二课堂 rule form sends: minutes per credit, the honor box ({@code on} when
	 * ticked), and the cap (blank: none).
	 */
	record RuleForm(@Nullable Integer minutesPerCredit, @Nullable String includeHonor, @Nullable String maxCredits) {
	}

	@GetMapping("/admin/organizations/{id}/second-classroom-credits.xlsx")
	ResponseEntity<byte[]> credits(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		return ExportController.creditsDownload(this.secondClassroom, me, id, from, to);
	}

	@GetMapping("/admin/organizations/{id}/service-records.xlsx")
	ResponseEntity<byte[]> serviceRecords(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		return ExportController.recordsDownload(this.serviceRecords, me, id, from, to, false);
	}

	@GetMapping("/admin/organizations/{id}/service-records.csv")
	ResponseEntity<byte[]> serviceRecordsCsv(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		return ExportController.recordsDownload(this.serviceRecords, me, id, from, to, true);
	}

	record College(String name, long volunteers) {
	}

}
