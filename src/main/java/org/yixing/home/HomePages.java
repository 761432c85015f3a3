package org.yixing.home;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.yixing.attendance.AttendanceDirectory;
import org.yixing.hours.HoursDirectory;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.CampusIdentities;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.notice.Notices;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.region.HomeRegion;
import org.yixing.reminder.ReminderPreferences;
import org.yixing.shared.web.PageController;

/**
 * 首页 (signed out: 登录 / 我要注册), 我的, 常见问题 and the offline page of the installable app.
 */
@PageController
class HomePages {

	/** How many of 我报名的活动 首页 shows; 全部 leads to the activities' list. */
	private static final int JOINED_SHOWN = 3;

	private final AccountDirectory accounts;

	private final HoursDirectory hours;

	private final Notices notices;

	private final HomeRegion homeRegion;

	private final OrganizationDirectory organizations;

	private final ReminderPreferences reminders;

	private final AttendanceDirectory attendance;

	private final Clock clock;

	private final CampusIdentities campusIdentities;

	HomePages(AccountDirectory accounts, HoursDirectory hours, Notices notices, HomeRegion homeRegion,
			OrganizationDirectory organizations, ReminderPreferences reminders, AttendanceDirectory attendance,
			Clock clock, CampusIdentities campusIdentities) {
		this.campusIdentities = campusIdentities;
		this.reminders = reminders;
		this.attendance = attendance;
		this.clock = clock;
		this.organizations = organizations;
		this.accounts = accounts;
		this.hours = hours;
		this.notices = notices;
		this.homeRegion = homeRegion;
	}

	@GetMapping("/")
	String home(Optional<AuthenticatedAccount> me, HttpServletRequest request, Model model) {
		model.addAttribute("regionName", this.homeRegion.of(request).name());
		if (me.isEmpty()) {
			return "home/welcome";
		}
		model.addAttribute("name",
				this.accounts.find(me.get().id()).map(AccountDirectory.AccountSummary::realName).orElse(""));
		model.addAttribute("hours", this.hours.balanceOf(me.get().id()));
		Optional<AttendanceDirectory.Running> running = this.attendance.runningOf(me.get().id().value());
		running.ifPresent((r) -> {
			model.addAttribute("running", r);
			model.addAttribute("elapsed", Duration.between(r.checkedInAt(), this.clock.instant()).toMillis());
		});
		// 我报名的活动: the next ones, without the one running above.
		model.addAttribute("joined",
				this.attendance.joinedOf(me.get(), JOINED_SHOWN + 1)
					.stream()
					.filter((j) -> running.map((r) -> !r.activityId().equals(j.activityId())).orElse(true))
					.limit(JOINED_SHOWN)
					.toList());
		model.addAttribute("notices",
				this.notices.of(me.get().id().value(), LocaleContextHolder.getLocale()).stream().limit(5).toList());
		return "home/home";
	}

	@GetMapping("/me")
	String me(AuthenticatedAccount me, Model model) {
		model.addAttribute("account", this.accounts.find(me.id()).orElseThrow());
		model.addAttribute("hours", this.hours.balanceOf(me.id()));
		model.addAttribute("unread", this.notices.unread(me.id().value()));
		model.addAttribute("console", me.staff() || this.organizations.administersAny(me.id()));
		model.addAttribute("smsReminders", this.reminders.smsReminders(me.id().value()));
		// RULES §14: the 学号/工号 each linked university gave.
		model.addAttribute("campusNumbers",
				this.campusIdentities.linksOf(me.id())
					.stream()
					.map(CampusIdentities.Link::number)
					.filter(Objects::nonNull)
					.toList());
		model.addAttribute("heading", null);
		return "home/me";
	}

	@GetMapping("/help")
	String help(Model model) {
		model.addAttribute("back", "/me");
		return "home/help";
	}

	@GetMapping("/offline")
	String offline() {
		return "home/offline";
	}

}
