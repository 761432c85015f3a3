package org.yixing.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.Reason;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.geo.Geofence;
import org.yixing.shared.web.MapSettings;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin console's activity editor, with the fence drawn on a Leaflet map (a circle of
 * 50–5000 m or a polygon), and the projected 签到码 page with its QR code. Edits follow
 * RULES §5 through {@link ActivityManagement}.
 */
@PageController
class ActivityConsole {

	static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	/** Where an organization's first fence starts: central Wuhan (the guide's city). */
	static final GeofenceJson.LatLng DEFAULT_CENTRE = new GeofenceJson.LatLng(30.5928, 114.3055);

	private final ActivityManagement management;

	private final OrganizationDirectory organizations;

	private final MapSettings map;

	private final PageFeedback feedback;

	private final JsonMapper json;

	private final Clock clock;

	private final RotatingQrTokens qrTokens;

	private final CheckInLinks links;

	private final PlaceSearch placeSearch;

	ActivityConsole(ActivityManagement management, OrganizationDirectory organizations, MapSettings map,
			PageFeedback feedback, JsonMapper json, Clock clock, RotatingQrTokens qrTokens, CheckInLinks links,
			PlaceSearch placeSearch) {
		this.placeSearch = placeSearch;
		this.qrTokens = qrTokens;
		this.links = links;
		this.management = management;
		this.organizations = organizations;
		this.map = map;
		this.feedback = feedback;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * The editor for a new activity; {@code from}: a copy of an activity the admin runs
	 * (复制为新活动), every field kept, its times moved on by whole weeks to the first start
	 * after now, as weekly activities repeat. Publishing it is publishing a new activity,
	 * with a code of its own.
	 */
	@GetMapping("/admin/organizations/{id}/activities/new")
	String newActivity(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable UUID from, Model model) {
		OrganizationId organization = administeredOrganization(me, id, model);
		if (from != null) {
			Activity source = this.management.administered(me, new ActivityId(from));
			Duration later = ActivityManagement.weeksUntilAfter(source.startAt(), this.clock.instant());
			model.addAttribute("form", ActivityForm.of(source.movedBy(later), this.map));
			model.addAttribute("copiedFrom", source);
			return editor(model, "/admin/organizations/" + id + "/activities", null);
		}
		LocalDate tomorrow = ApplicationClock.today(this.clock).plusDays(1);
		GeofenceJson.LatLng centre = this.management.ofOrganization(organization)
			.stream()
			.findFirst()
			.map((a) -> GeofenceJson.of(this.map.display(a.geofence())))
			.map((f) -> (f.center() != null) ? f.center() : f.points().get(0))
			.orElse(DEFAULT_CENTRE);
		model.addAttribute("form",
				new ActivityForm("", "", "", "", tomorrow.atTime(9, 0).format(LOCAL),
						tomorrow.atTime(11, 0).format(LOCAL), "CIRCLE", centre.lat(), centre.lng(), 200.0, "", "true",
						null, 30, 30, "false", "CODE", ActivityController.DEFAULT_REMINDER_MINUTES, null));
		return editor(model, "/admin/organizations/" + id + "/activities", null);
	}

	@PostMapping("/admin/organizations/{id}/activities")
	String publish(AuthenticatedAccount me, @PathVariable UUID id, ActivityForm form, HttpServletResponse response,
			Model model) {
		try {
			Activity activity = this.management.publish(me, new OrganizationId(id),
					new ActivityManagement.Draft(form.required(form.title()), form.text(form.description()),
							form.text(form.place()), form.text(form.leadName()), form.instant(form.startAt()),
							form.instant(form.endAt()), form.geofence(this.map), form.ticked(form.membersOnly()),
							form.capacity(),
							form.minutes("checkInOpensMinutesBefore", form.checkInOpensMinutesBefore()),
							form.minutes("checkOutGraceMinutes", form.checkOutGraceMinutes()),
							form.ticked(form.requiresInsurance()), form.mode(), form.reminder(),
							form.signUpClosesMinutesBefore()));
			return "redirect:/admin/activities/" + activity.id() + "?published";
		}
		catch (DomainException ex) {
			administeredOrganization(me, id, model);
			model.addAttribute("form", form);
			return this.feedback.refuse(model, ex, response,
					editor(model, "/admin/organizations/" + id + "/activities", null));
		}
	}

	/**
	 * The editor's place search: this organization's earlier activity places (venues
	 * repeat: 图书馆, 操场) whose place or title contains what is typed, each with its fence's
	 * centre on the map's tiles and its radius; at most 8, latest first.
	 */
	@GetMapping("/admin/organizations/{id}/places")
	String places(AuthenticatedAccount me, @PathVariable UUID id, @RequestParam(defaultValue = "") String q,
			Model model) {
		OrganizationId organization = new OrganizationId(id);
		this.organizations.administeredBy(me, organization);
		String query = q.strip();
		java.util.Map<String, Place> found = new java.util.LinkedHashMap<>();
		if (!query.isEmpty()) {
			for (Activity a : this.management.ofOrganization(organization)) {
				String name = a.place().isBlank() ? a.title() : a.place();
				if ((a.place().contains(query) || a.title().contains(query)) && !found.containsKey(name)
						&& found.size() < 8) {
					Geofence shown = this.map.display(a.geofence());
					GeoPoint centre = shown.centre();
					double radius = (shown instanceof Geofence.Circle c) ? c.radiusMeters() : 200;
					found.put(name, new Place(name, "", centre.lat(), centre.lng(), Math.round(radius)));
				}
			}
			// Then the geocoding provider's places, when one is configured: GCJ-02,
			// converted for WGS-84 tiles.
			for (PlaceSearch.Found place : this.placeSearch.search(query, 8 - found.size())) {
				if (!found.containsKey(place.name())) {
					GeoPoint shown = (this.map.tileCoordinates() == org.yixing.shared.geo.CoordinateSystem.GCJ02)
							? place.gcj02() : org.yixing.shared.geo.Gcj02.toWgs84(place.gcj02());
					found.put(place.name(), new Place(place.name(), place.address(), shown.lat(), shown.lng(), 200));
				}
			}
		}
		model.addAttribute("places", found.values());
		model.addAttribute("q", query);
		return "activity/console/editor :: places";
	}

	/**
	 * A place found: its name, the provider's address (none for an earlier place), its
	 * centre on the tiles, the radius of its earlier fence (200 m for a provider's).
	 */
	record Place(String name, String address, double lat, double lng, long radiusMeters) {
	}

	@GetMapping("/admin/activities/{id}/edit")
	String edit(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		Activity activity = administered(me, id, model);
		model.addAttribute("form", ActivityForm.of(activity, this.map));
		return editor(model, "/admin/activities/" + id + "/edit", activity);
	}

	@PostMapping("/admin/activities/{id}/edit")
	String update(AuthenticatedAccount me, @PathVariable UUID id, ActivityForm form, HttpServletResponse response,
			Model model) {
		try {
			this.management.edit(me, new ActivityId(id),
					new ActivityManagement.Changes(form.required(form.title()), form.text(form.description()),
							form.text(form.place()), form.text(form.leadName()), form.instant(form.startAt()),
							form.instant(form.endAt()), form.geofence(this.map), form.ticked(form.membersOnly()),
							form.capacity(), form.capacity() == null,
							form.minutes("checkInOpensMinutesBefore", form.checkInOpensMinutesBefore()),
							form.minutes("checkOutGraceMinutes", form.checkOutGraceMinutes()),
							form.ticked(form.requiresInsurance()), form.mode(), form.reminder(),
							form.signUpClosesMinutesBefore(), form.signUpClosesMinutesBefore() == null));
			return "redirect:/admin/activities/" + id + "?saved";
		}
		catch (DomainException ex) {
			Activity activity = administered(me, id, model);
			model.addAttribute("form", form);
			return this.feedback.refuse(model, ex, response,
					editor(model, "/admin/activities/" + id + "/edit", activity));
		}
	}

	/**
	 * 取消活动 (RULES §5), from the editor: the reason is told to the signed-up volunteers.
	 */
	@PostMapping("/admin/activities/{id}/cancel")
	String cancel(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String reason, HttpServletResponse response, Model model) {
		try {
			this.management.cancel(me, new ActivityId(id), reason);
			return "redirect:/admin/activities/" + id + "?cancelled";
		}
		catch (DomainException ex) {
			Activity activity = administered(me, id, model);
			model.addAttribute("form", ActivityForm.of(activity, this.map));
			model.addAttribute("cancelReason", reason);
			return this.feedback.refuse(model, ex, response,
					editor(model, "/admin/activities/" + id + "/edit", activity));
		}
	}

	/**
	 * 每周重复 (RULES §5), from the editor: the activity again in each of the next weeks;
	 * then the organization's activity list, where the copies are among 未开始.
	 */
	@PostMapping("/admin/activities/{id}/weekly-copies")
	String copyWeekly(AuthenticatedAccount me, @PathVariable UUID id, @ModelAttribute WeeklyCopiesForm form,
			HttpServletResponse response, Model model) {
		String weeks = form.weeks();
		try {
			int count = parseWeeks(weeks);
			List<Activity> copies = this.management.copyWeekly(me, new ActivityId(id), count);
			return "redirect:/admin/organizations/" + copies.get(0).organizationId() + "/activities?copied="
					+ copies.size();
		}
		catch (DomainException ex) {
			Activity activity = administered(me, id, model);
			model.addAttribute("form", ActivityForm.of(activity, this.map));
			model.addAttribute("weeks", weeks);
			return this.feedback.refuse(model, ex, response,
					editor(model, "/admin/activities/" + id + "/edit", activity));
		}
	}

	/** 每周重复's form: how many weeks, as typed. */
	record WeeklyCopiesForm(@Nullable String weeks) {
	}

	private static int parseWeeks(@Nullable String weeks) {
		try {
			return Integer.parseInt((weeks != null) ? weeks.strip() : "");
		}
		catch (NumberFormatException ex) {
			throw DomainException.invalidField("weeks", "activity.weeks.range");
		}
	}

	/**
	 * 报名海报: a page to print or pass on, with the activity's facts and a QR code of its
	 * page in the volunteer app, where anyone sees it and signs up after signing in.
	 */
	@GetMapping("/admin/activities/{id}/poster")
	String poster(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		Activity activity = administered(me, id, model);
		String link = this.links.activity(activity.id());
		model.addAttribute("activity", activity);
		model.addAttribute("organizationName",
				this.organizations.find(activity.organizationId())
					.map(OrganizationDirectory.OrganizationSummary::name)
					.orElse(""));
		model.addAttribute("link", link);
		model.addAttribute("qr", CheckInQrCode.svg(link));
		model.addAttribute("loopback", this.links.loopback());
		return "activity/console/poster";
	}

	/**
	 * The projected page: the code in very large type and a QR code of the check-in page.
	 */
	@GetMapping("/admin/activities/{id}/code")
	String code(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		Activity activity = administered(me, id, model);
		model.addAttribute("activity", activity);
		model.addAttribute("loopback", this.links.loopback());
		if (activity.checkInMode() == CheckInMode.ROTATING_QR) {
			return rotating(activity, model, "activity/console/code");
		}
		String link = this.links.of(activity.checkInCode(), null);
		model.addAttribute("link", link);
		model.addAttribute("qr", CheckInQrCode.svg(link));
		return "activity/console/code";
	}

	/**
	 * The 动态二维码 as it is now (RULES §12), which the projected page asks for every 2 s:
	 * the check-in address with the code and the current 10-s step's token.
	 */
	@GetMapping("/admin/activities/{id}/code/rotating")
	String rotating(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		Activity activity = administered(me, id, model);
		model.addAttribute("activity", activity);
		return rotating(activity, model, "activity/console/code :: rotating");
	}

	private String rotating(Activity activity, Model model, String view) {
		if (activity.cancelled()) {
			// The projected page of an activity cancelled meanwhile: the fragment says
			// so and stops asking; no token is issued for it.
			return view;
		}
		RotatingQrTokens.Token token = this.qrTokens.current(activity.id(), this.clock.instant());
		model.addAttribute("qr", CheckInQrCode.svg(this.links.of(activity.checkInCode(), token.token())));
		model.addAttribute("step", token.step());
		return view;
	}

	@PostMapping("/admin/activities/{id}/code")
	String regenerate(AuthenticatedAccount me, @PathVariable UUID id) {
		this.management.regenerateCode(me, new ActivityId(id));
		return "redirect:/admin/activities/" + id + "/code?regenerated";
	}

	private String editor(Model model, String action, @Nullable Activity activity) {
		model.addAttribute("limits",
				Map.of("title", ActivityTexts.TITLE_MAX, "description", ActivityTexts.DESCRIPTION_MAX, "place",
						ActivityTexts.PLACE_MAX, "leadName", ActivityTexts.LEAD_NAME_MAX, "minRadius",
						Geofence.MIN_RADIUS, "maxRadius", Geofence.MAX_RADIUS, "reason", Reason.MAX, "weeks",
						ActivityManagement.MAX_WEEKLY_COPIES));
		model.addAttribute("signUpClosesChoices", ActivityForm.SIGN_UP_CLOSES_CHOICES);
		model.addAttribute("action", action);
		model.addAttribute("activity", activity);
		model.addAttribute("map", this.map);
		return "activity/console/editor";
	}

	private OrganizationId administeredOrganization(AuthenticatedAccount me, UUID organizationId, Model model) {
		OrganizationDirectory.OrganizationSummary organization = this.organizations.administeredBy(me,
				new OrganizationId(organizationId));
		model.addAttribute("consoleOrganization", organization);
		return organization.id();
	}

	private Activity administered(AuthenticatedAccount me, UUID activityId, Model model) {
		Activity activity = this.management.get(new ActivityId(activityId));
		administeredOrganization(me, activity.organizationId().value(), model);
		return activity;
	}

}
