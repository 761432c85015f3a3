package org.yixing.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.yixing.activity.ActivityDirectory;
import org.yixing.attendance.AttendanceDirectory;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.ServerWarnings;
import org.yixing.shared.web.PageController;

/**
 * 平台概况 for platform staff: accounts, organizations, and today's activities and check-ins
 * (Asia/Shanghai day), beside the user search; and what this server needs an operator for
 * (the health endpoint's warnings).
 */
@PageController
class PlatformFigures {

	private final AccountDirectory accounts;

	private final OrganizationDirectory organizations;

	private final ActivityDirectory activities;

	private final AttendanceDirectory attendance;

	private final Clock clock;

	private final ServerWarnings warnings;

	PlatformFigures(AccountDirectory accounts, OrganizationDirectory organizations, ActivityDirectory activities,
			AttendanceDirectory attendance, Clock clock, ServerWarnings warnings) {
		this.warnings = warnings;
		this.accounts = accounts;
		this.organizations = organizations;
		this.activities = activities;
		this.attendance = attendance;
		this.clock = clock;
	}

	@GetMapping("/admin/platform")
	String figures(AuthenticatedAccount me, Model model) {
		me.requireStaff();
		LocalDate today = ApplicationClock.today(this.clock);
		Instant from = today.atStartOfDay(ApplicationClock.ZONE).toInstant();
		Instant to = today.plusDays(1).atStartOfDay(ApplicationClock.ZONE).toInstant();
		model.addAttribute("today", today);
		model.addAttribute("accounts", this.accounts.count());
		model.addAttribute("organizations", this.organizations.count());
		model.addAttribute("activities", this.activities.countRunningBetween(from, to));
		model.addAttribute("checkIns", this.attendance.checkInsBetween(from, to));
		model.addAttribute("warnings", this.warnings.now());
		return "reporting/console/platform";
	}

}
