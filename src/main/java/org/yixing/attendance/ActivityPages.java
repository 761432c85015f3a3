package org.yixing.attendance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.yixing.activity.ActivityDirectory;
import org.springframework.http.ResponseEntity;
import org.yixing.activity.CheckInActivity;
import org.yixing.shared.web.Downloads;
import org.yixing.shared.web.PublicAddress;
import org.yixing.shared.web.Times;
import org.yixing.activity.ActivityAudience;
import org.yixing.activity.ActivityId;
import org.yixing.activity.ActivityMessages;
import org.yixing.activity.GeofenceJson;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.MapSettings;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;
import tools.jackson.databind.json.JsonMapper;

/**
 * 活动: the activities of my organizations (upcoming and in progress) with places left, an
 * activity's page with its fence on a map and 报名 / 取消报名 (RULES §5), and 签到记录.
 */
@PageController
class ActivityPages {

	private final VolunteerActivities activities;

	private final SignUps signUps;

	private final ActivityDirectory directory;

	private final MapSettings map;

	private final PageFeedback feedback;

	private final JsonMapper json;

	private final Clock clock;

	private final SessionLists lists;

	private final ActivityMessages messages;

	private final ActivityAudience audience;

	private final PublicAddress address;

	private final Times times;

	ActivityPages(VolunteerActivities activities, SignUps signUps, ActivityDirectory directory, MapSettings map,
			PageFeedback feedback, JsonMapper json, Clock clock, SessionLists lists, ActivityMessages messages,
			PublicAddress address, Times times, ActivityAudience audience) {
		this.audience = audience;
		this.lists = lists;
		this.messages = messages;
		this.address = address;
		this.times = times;
		this.activities = activities;
		this.signUps = signUps;
		this.directory = directory;
		this.map = map;
		this.feedback = feedback;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping("/activities")
	String list(AuthenticatedAccount me, Model model) {
		model.addAttribute("activities", this.activities.mine(me));
		model.addAttribute("back", "/");
		return "attendance/activities";
	}

	/**
	 * An activity's page. Before signing in, one open to all is shown as a preview with
	 * 登录后报名 (a link passed on to recruit volunteers); a members-only one asks to sign in
	 * first.
	 */
	@GetMapping("/activities/{id}")
	String activity(Optional<AuthenticatedAccount> caller, @PathVariable UUID id, Model model) {
		if (caller.isEmpty()) {
			Optional<VolunteerActivities.VolunteerActivity> preview = this.activities.preview(new ActivityId(id));
			if (preview.isEmpty()) {
				return "redirect:/login?next=" + URLEncoder.encode("/activities/" + id, StandardCharsets.UTF_8);
			}
			model.addAttribute("preview", true);
			model.addAttribute("canCancel", false);
			model.addAttribute("messages", List.of());
			model.addAttribute("back", "/");
			return page(preview.get(), model);
		}
		AuthenticatedAccount me = caller.get();
		VolunteerActivities.VolunteerActivity found = this.activities.one(me, new ActivityId(id));
		model.addAttribute("canCancel", found.signedUp() && this.clock.instant().isBefore(found.activity().startAt()));
		// 活动通知 (RULES §13) are for the volunteers they were sent to.
		model.addAttribute("messages", this.audience.includes(new ActivityId(id), me.id().value())
				? this.messages.of(new ActivityId(id)) : List.of());
		model.addAttribute("back", "/activities");
		return page(found, model);
	}

	private String page(VolunteerActivities.VolunteerActivity item, Model model) {
		model.addAttribute("item", item);
		model.addAttribute("fenceJson",
				this.json.writeValueAsString(GeofenceJson.of(this.map.display(item.activity().geofence()))));
		model.addAttribute("map", this.map);
		return "attendance/activity";
	}

	/**
	 * 添加到日历: the activity as an iCalendar file, for one who may see it. Its event keeps
	 * the activity's id, so a second download updates the first.
	 */
	@GetMapping("/activities/{id}/calendar.ics")
	ResponseEntity<byte[]> calendar(AuthenticatedAccount me, @PathVariable UUID id) {
		VolunteerActivities.VolunteerActivity found = this.activities.one(me, new ActivityId(id));
		CheckInActivity activity = found.activity();
		String link = this.address.base() + "/activities/" + id;
		String description = this.feedback.text("ui.calendar.description", found.organizationName(),
				this.times.dateTime(found.checkInOpensAt()), this.times.dateTime(activity.checkOutDeadline()), link);
		String file = CalendarFile.event(id + "@yixing", this.clock.instant(), activity.startAt(), activity.endAt(),
				activity.title(), found.details().record().place(), description, link, activity.cancelled());
		return Downloads.of(file.getBytes(StandardCharsets.UTF_8), "text/calendar; charset=utf-8",
				AttendanceLists.safeFileName(activity.title()) + ".ics");
	}

	@PostMapping("/activities/{id}/sign-up")
	String signUp(AuthenticatedAccount me, @PathVariable UUID id, HttpServletResponse response, Model model) {
		try {
			this.signUps.signUp(me, new ActivityId(id));
			return "redirect:/activities/" + id + "?signedUp";
		}
		catch (DomainException ex) {
			return refused(me, id, ex, response, model);
		}
	}

	/** 候补 (RULES §5); with a place free it signs up instead, and the page says which. */
	@PostMapping("/activities/{id}/waitlist")
	String joinWaitlist(AuthenticatedAccount me, @PathVariable UUID id, HttpServletResponse response, Model model) {
		try {
			Integer position = this.signUps.joinWaitlist(me, new ActivityId(id));
			return "redirect:/activities/" + id + ((position != null) ? "?waiting" : "?signedUp");
		}
		catch (DomainException ex) {
			return refused(me, id, ex, response, model);
		}
	}

	@PostMapping("/activities/{id}/leave-waitlist")
	String leaveWaitlist(AuthenticatedAccount me, @PathVariable UUID id) {
		this.signUps.leaveWaitlist(me, new ActivityId(id));
		return "redirect:/activities/" + id + "?left";
	}

	@PostMapping("/activities/{id}/cancel-sign-up")
	String cancel(AuthenticatedAccount me, @PathVariable UUID id, HttpServletResponse response, Model model) {
		try {
			this.signUps.cancel(me, new ActivityId(id));
			return "redirect:/activities/" + id + "?cancelled";
		}
		catch (DomainException ex) {
			return refused(me, id, ex, response, model);
		}
	}

	/** 签到记录: status as of now, VOID explained. */
	@GetMapping("/me/sessions")
	String sessions(AuthenticatedAccount me, Model model) {
		Instant now = this.clock.instant();
		List<Session> mine = this.lists.ofAccount(me.id().value());
		model.addAttribute("sessions", mine);
		model.addAttribute("titles", this.directory.titlesOf(mine.stream().map(Session::activityId).toList()));
		model.addAttribute("statuses",
				mine.stream().collect(Collectors.toMap(Session::id, (s) -> s.statusAt(now), (a, b) -> a)));
		// 报名未到 (RULES §10): the volunteer sees what the organizers see.
		List<SignUps.NoShow> noShows = this.signUps.noShowsOf(me.id().value(), now);
		model.addAttribute("noShows", noShows.size());
		model.addAttribute("noShowActivities", noShows);
		model.addAttribute("back", "/me");
		return "attendance/sessions";
	}

	private String refused(AuthenticatedAccount me, UUID id, DomainException ex, HttpServletResponse response,
			Model model) {
		return this.feedback.refuse(model, ex, response, activity(Optional.of(me), id, model));
	}

}
