package org.yixing.attendance;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;
import org.yixing.face.FaceConsent;
import org.yixing.face.FaceRecognition;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.web.MapSettings;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * 签到 as the guide walks through it (二、签到签退流程 steps 1–5): the integrity agreement → 我要签到 →
 * the 签到码 → the live location page → 快速签到计时 (the session's own pages are
 * {@link SessionPages}). Every check is {@link CheckIns}'s, every refusal its
 * docs/RULES.md message with what to do next.
 */
@PageController
class CheckInPages {

	private final CheckIns checkIns;

	private final Sessions sessions;

	private final Agreements agreements;

	private final VolunteerActivities volunteerActivities;

	private final ActivityDirectory activities;

	private final MapSettings map;

	private final PageFeedback feedback;

	private final FaceRecognition faces;

	private final Clock clock;

	private final CheckInPageParts parts;

	CheckInPages(CheckInPageParts parts, FaceRecognition faces, CheckIns checkIns, Sessions sessions,
			Agreements agreements, VolunteerActivities volunteerActivities, ActivityDirectory activities,
			MapSettings map, PageFeedback feedback, Clock clock) {
		this.parts = parts;
		this.faces = faces;
		this.checkIns = checkIns;
		this.sessions = sessions;
		this.agreements = agreements;
		this.volunteerActivities = volunteerActivities;
		this.activities = activities;
		this.map = map;
		this.feedback = feedback;
		this.clock = clock;
	}

	/** Step 1: the green 签到 button. A running session goes straight to its timer. */
	@GetMapping("/check-in")
	String start(AuthenticatedAccount me, @RequestParam(required = false) @Nullable String code,
			@RequestParam(required = false) @Nullable String t, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		DeviceCookie.of(request, response);
		var open = this.sessions.findOpenOf(me.id().value()).filter((s) -> s.openAt(this.clock.instant()));
		if (open.isPresent()) {
			return "redirect:/check-in/sessions/" + open.get().id();
		}
		model.addAttribute("agreement", this.agreements.current());
		model.addAttribute("code", digits(code));
		model.addAttribute("t", token(t));
		model.addAttribute("back", "/");
		return "attendance/agreement";
	}

	/** Step 2: 阅读并勾选诚信协议后，点击我要签到. */
	@PostMapping("/check-in/agreement")
	String agreed(@RequestParam(required = false) @Nullable String agreementAccepted,
			@RequestParam(required = false) @Nullable String agreementVersion,
			@RequestParam(required = false) @Nullable String code, @RequestParam(required = false) @Nullable String t,
			HttpServletResponse response, Model model) {
		Agreements.Agreement current = this.agreements.current();
		if (agreementAccepted == null || !current.version().equals(agreementVersion)) {
			model.addAttribute("agreement", current);
			model.addAttribute("code", digits(code));
			model.addAttribute("t", token(t));
			model.addAttribute("back", "/");
			return this.feedback.refuse(model, new DomainException(ErrorCode.AGREEMENT_REQUIRED), response,
					"attendance/agreement");
		}
		String found = digits(code);
		return (found.isEmpty()) ? "redirect:/check-in/code?v=" + current.version() : "redirect:/check-in/live?v="
				+ current.version() + "&code=" + found + (token(t).isEmpty() ? "" : "&t=" + token(t));
	}

	/** Step 3: 输入活动所需签到码. */
	@GetMapping("/check-in/code")
	String code(@RequestParam(required = false) @Nullable String v, Model model) {
		if (!this.agreements.isCurrent(String.valueOf(v))) {
			return "redirect:/check-in";
		}
		model.addAttribute("version", v);
		model.addAttribute("back", "/check-in");
		return "attendance/code";
	}

	/** Step 4: the live location page for the activity behind the code. */
	@GetMapping("/check-in/live")
	String live(AuthenticatedAccount me, @RequestParam(required = false) @Nullable String code,
			@RequestParam(required = false) @Nullable String v, @RequestParam(required = false) @Nullable String t,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("t", token(t));
		return livePage(me, code, v, CheckIns.Method.QUICK, request, response, model);
	}

	/**
	 * The live location page with the quick button, or (人脸识别签到, RULES §7) with the front
	 * camera instead, and the first time the consent to enrol.
	 */
	private String livePage(AuthenticatedAccount me, @Nullable String code, @Nullable String v, CheckIns.Method method,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (!this.agreements.isCurrent(String.valueOf(v))) {
			return "redirect:/check-in" + (digits(code).isEmpty() ? "" : "?code=" + digits(code));
		}
		DeviceCookie.of(request, response);
		model.addAttribute("version", v);
		model.addAttribute("back", "/check-in/code?v=" + v);
		try {
			VolunteerActivities.VolunteerActivity found = this.volunteerActivities.byCode(me, String.valueOf(code),
					request.getRemoteAddr());
			if (method == CheckIns.Method.FACE) {
				faceModel(me, model, found.activity(), found.organizationName(), digits(code), v);
				return "attendance/face";
			}
			this.parts.liveModel(model, found.activity(), found.organizationName(), digits(code));
			foreseeRefusal(me, found.activity(), model);
			model.addAttribute("cancellationReason", found.details().cancellationReason());
			return "attendance/live";
		}
		catch (DomainException ex) {
			this.parts.refuse(model, ex, response);
			model.addAttribute("code", digits(code));
			return "attendance/code";
		}
	}

	/** 快速签到计时: opens the session, then the timer (step 5). */
	@PostMapping("/check-in")
	String checkIn(AuthenticatedAccount me, @ModelAttribute CheckInForm form, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return checkIn(me, form, CheckIns.Method.QUICK, request, response, model);
	}

	/**
	 * Either button of the live location page: the session opens and the timer shows, or
	 * the page shows again with the refusal (the code's page, when the code itself was
	 * refused).
	 */
	private String checkIn(AuthenticatedAccount me, CheckInForm form, CheckIns.Method method,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		String device = DeviceCookie.of(request, response);
		model.addAttribute("t", token(form.t()));
		try {
			if (form.lat() == null || form.lng() == null || !CheckInPageParts.validPosition(form.lat(), form.lng())) {
				throw new DomainException(ErrorCode.VALIDATION_FAILED);
			}
			FaceRecognition.Capture face = null;
			if (method == CheckIns.Method.FACE) {
				face = this.faces.capture(FaceRecognition.picture(form.faceImage(), "faceImage"));
			}
			CheckIns.CheckedIn checkedIn = this.checkIns.checkIn(me,
					new CheckIns.CheckInRequest(digits(form.code()), new GeoPoint(form.lat(), form.lng()),
							CheckInPageParts.positive(form.accuracy()), org.yixing.shared.geo.CoordinateSystem.WGS84,
							true, String.valueOf(form.v()), method, device, request.getRemoteAddr(), face,
							form.faceConsentVersion(), token(form.t()),
							RiskSignals.ClientSignals.of(form.touch(), form.webdriver(), request)));
			return "redirect:/check-in/sessions/" + checkedIn.session().id();
		}
		catch (DomainException ex) {
			if (ex.code() == ErrorCode.ALREADY_CHECKED_IN) {
				var open = this.sessions.findOpenOf(me.id().value());
				if (open.isPresent()) {
					return "redirect:/check-in/sessions/" + open.get().id();
				}
			}
			if (ex.code() == ErrorCode.AGREEMENT_REQUIRED) {
				return "redirect:/check-in";
			}
			this.parts.refuse(model, ex, response);
			model.addAttribute("version", form.v());
			model.addAttribute("back", "/check-in/code?v=" + form.v());
			// Refused before or at the code: looking it up here would tell a guesser
			// what the limit hides.
			String code = digits(form.code());
			VolunteerActivities.VolunteerActivity found = (ex.code() == ErrorCode.TOO_MANY_REQUESTS
					|| ex.code() == ErrorCode.CHECK_IN_CODE_NOT_FOUND) ? null : shownAgain(me, code, request);
			if (found == null) {
				model.addAttribute("code", code);
				return "attendance/code";
			}
			if (method == CheckIns.Method.FACE) {
				faceModel(me, model, found.activity(), found.organizationName(), code, form.v());
				return "attendance/face";
			}
			this.parts.liveModel(model, found.activity(), found.organizationName(), code);
			return "attendance/live";
		}
	}

	/**
	 * What the live location page's form sends: the code and agreement version, the
	 * position, the rotating QR's token, the page's signals, and for face check-in the
	 * picture and the consent's version.
	 */
	record CheckInForm(@Nullable String code, @Nullable String v, @Nullable Double lat, @Nullable Double lng,
			@Nullable Double accuracy, @Nullable String faceImage, @Nullable String faceConsentVersion,
			@Nullable String t, @Nullable Boolean touch, @Nullable Boolean webdriver) {
	}

	/** 人脸识别签到 (RULES §7): the live location page with the front camera. */
	@GetMapping("/check-in/face")
	String facePage(AuthenticatedAccount me, @RequestParam(required = false) @Nullable String code,
			@RequestParam(required = false) @Nullable String v, @RequestParam(required = false) @Nullable String t,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("t", token(t));
		return livePage(me, code, v, CheckIns.Method.FACE, request, response, model);
	}

	@PostMapping("/check-in/face")
	String faceCheckIn(AuthenticatedAccount me, @ModelAttribute CheckInForm form, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return checkIn(me, form, CheckIns.Method.FACE, request, response, model);
	}

	private void faceModel(AuthenticatedAccount me, Model model, CheckInActivity activity, String organizationName,
			String code, @Nullable String version) {
		this.parts.liveModel(model, activity, organizationName, code);
		FaceRecognition.Status status = this.faces.status(me.id().value());
		model.addAttribute("face", status);
		model.addAttribute("consent", FaceConsent.CURRENT);
		model.addAttribute("version", version);
		model.addAttribute("back", "/check-in/live?v=" + version + "&code=" + code);
	}

	/**
	 * How far the position is from the fence, by the check-in's own rule (whole metres,
	 * rounded up), with where to draw the position on the map's tiles.
	 */
	@PostMapping("/check-in/distance")
	@ResponseBody
	ResponseEntity<Map<String, Object>> distance(AuthenticatedAccount me,
			@RequestParam(required = false) @Nullable String code,
			@RequestParam(required = false) @Nullable UUID sessionId,
			@RequestParam(required = false) @Nullable Double lat,
			@RequestParam(required = false) @Nullable Double lng) {
		if (lat == null || lng == null || !CheckInPageParts.validPosition(lat, lng)) {
			return ResponseEntity.badRequest().build();
		}
		var activity = (sessionId != null)
				? this.sessions.find(sessionId)
					.filter((s) -> s.accountId().equals(me.id().value()))
					.flatMap((s) -> this.activities.find(new ActivityId(s.activityId())))
				: this.activities.findByCheckInCode(digits(code));
		if (activity.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		GeoPoint position = new GeoPoint(lat, lng);
		int metres = activity.get().geofence().metresToGo(position);
		GeoPoint shown = this.map.display(position);
		return ResponseEntity.ok(Map.of("metresToGo", metres, "message",
				(metres > 0) ? this.feedback.message(ErrorCode.OUT_OF_RANGE, String.valueOf(metres))
						: this.feedback.text((sessionId != null) ? "ui.checkin.insideOut" : "ui.checkin.inside"),
				"display", Map.of("lat", shown.lat(), "lng", shown.lng())));
	}

	/**
	 * The activity and its organization's name, once, for the page a refusal shows again
	 * (the code was found: the refusal came after it); none if it is gone since.
	 */
	private VolunteerActivities.@Nullable VolunteerActivity shownAgain(AuthenticatedAccount me, String code,
			HttpServletRequest request) {
		try {
			return this.volunteerActivities.byCode(me, code, request.getRemoteAddr());
		}
		catch (DomainException ex) {
			return null;
		}
	}

	/**
	 * What the check-in would refuse whatever the volunteer's position: not a member, the
	 * window closed, no insurance. Said on the live page at once, with the way out (加入组织,
	 * 领保险), before the map and the button; the check-in itself still checks everything in
	 * RULES §6's order.
	 */
	private void foreseeRefusal(AuthenticatedAccount me, CheckInActivity activity, Model model) {
		try {
			this.checkIns.requireOpenTo(activity, me.id(), this.clock.instant());
			this.checkIns.requireInsurance(activity, me.id().value());
		}
		catch (DomainException ex) {
			this.feedback.refuse(model, ex);
			model.addAttribute("advice", this.feedback.optionalText("ui.checkin.advice." + ex.code().name()));
			model.addAttribute("foreseen", true);
		}
	}

	/** A 动态二维码 token as the QR carries it: base64url, or nothing. */
	static String token(@Nullable String t) {
		String trimmed = (t != null) ? t.trim() : "";
		return trimmed.matches("[A-Za-z0-9_-]{1,64}") ? trimmed : "";
	}

	private static String digits(@Nullable String code) {
		String typed = (code != null) ? ActivityDirectory.typedCode(code) : "";
		return typed.matches("[0-9]{1,6}") ? typed : "";
	}

}
