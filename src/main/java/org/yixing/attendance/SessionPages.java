package org.yixing.attendance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.yixing.activity.CheckInActivity;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.web.PageController;

/**
 * A running or finished session's pages (the guide's 二、签到签退流程 steps 5–8): the timer, 去签到
 * → 签退, the result and 评价. Every check is {@link CheckIns}'s and {@link Ratings}'.
 */
@PageController
class SessionPages {

	/**
	 * The timer turns to a warning this long before the check-out deadline (RULES §13).
	 */
	static final Duration DEADLINE_WARNING = Duration.ofMinutes(15);

	private final CheckInPageParts parts;

	private final CheckIns checkIns;

	private final Ratings ratings;

	private final Clock clock;

	private final SessionLists lists;

	SessionPages(CheckInPageParts parts, CheckIns checkIns, Ratings ratings, Clock clock, SessionLists lists) {
		this.lists = lists;
		this.parts = parts;
		this.checkIns = checkIns;
		this.ratings = ratings;
		this.clock = clock;
	}

	/** Step 5–6: the timer, also where 签到 leads while a session runs. */
	@GetMapping("/check-in/sessions/{id}")
	String timer(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		Session session = this.parts.mine(me, id);
		Instant now = this.clock.instant();
		if (session.statusAt(now) != SessionStatus.OPEN) {
			return "redirect:/check-in/sessions/" + id + "/result";
		}
		CheckInActivity activity = this.parts.activityOf(session);
		model.addAttribute("visit", session);
		model.addAttribute("activity", activity);
		model.addAttribute("expiresAt", session.expiresAt());
		model.addAttribute("elapsed", Duration.between(session.checkedInAt(), now).toMillis());
		Duration left = Duration.between(now, session.expiresAt());
		model.addAttribute("left", left.toMillis());
		model.addAttribute("leftText",
				"%02d:%02d:%02d".formatted(left.toHours(), left.toMinutesPart(), left.toSecondsPart()));
		model.addAttribute("warnMillis", DEADLINE_WARNING.toMillis());
		model.addAttribute("warn", left.compareTo(DEADLINE_WARNING) <= 0);
		model.addAttribute("back", "/");
		return "attendance/timer";
	}

	/** Step 7: the check-out page (去签到 → 签退). */
	@GetMapping("/check-in/sessions/{id}/check-out")
	String checkOutPage(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		Session session = this.parts.mine(me, id);
		if (session.statusAt(this.clock.instant()) != SessionStatus.OPEN) {
			return "redirect:/check-in/sessions/" + id + "/result";
		}
		CheckInActivity activity = this.parts.activityOf(session);
		this.parts.liveModel(model, activity, "", "");
		model.addAttribute("visit", session);
		model.addAttribute("back", "/check-in/sessions/" + id);
		return "attendance/check-out";
	}

	@PostMapping("/check-in/sessions/{id}/check-out")
	String checkOut(AuthenticatedAccount me, @PathVariable UUID id, @ModelAttribute CheckOutForm form,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		String device = DeviceCookie.of(request, response);
		Session session = this.parts.mine(me, id);
		try {
			Double lat = form.lat();
			Double lng = form.lng();
			if (lat == null || lng == null || !CheckInPageParts.validPosition(lat, lng)) {
				throw new DomainException(ErrorCode.VALIDATION_FAILED);
			}
			this.checkIns.checkOut(me, id,
					new CheckIns.CheckOutRequest(new GeoPoint(lat, lng), CheckInPageParts.positive(form.accuracy()),
							org.yixing.shared.geo.CoordinateSystem.WGS84, device,
							RiskSignals.ClientSignals.of(form.touch(), form.webdriver(), request)));
			return "redirect:/check-in/sessions/" + id + "/result";
		}
		catch (DomainException ex) {
			if (ex.code() == ErrorCode.SESSION_NOT_OPEN) {
				return "redirect:/check-in/sessions/" + id + "/result";
			}
			this.parts.refuse(model, ex, response);
			this.parts.liveModel(model, this.parts.activityOf(session), "", "");
			model.addAttribute("visit", session);
			model.addAttribute("back", "/check-in/sessions/" + id);
			return "attendance/check-out";
		}
	}

	/** Step 8: 显示服务活动结果, with 评价. */
	@GetMapping("/check-in/sessions/{id}/result")
	String result(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		Session session = this.parts.mine(me, id);
		model.addAttribute("visit", session);
		model.addAttribute("status", session.statusAt(this.clock.instant()));
		model.addAttribute("activity", this.parts.activityOf(session));
		model.addAttribute("rated", this.lists.ratingOf(id).isPresent());
		model.addAttribute("commentMax", Ratings.MAX_COMMENT);
		model.addAttribute("back", "/");
		return "attendance/result";
	}

	@PostMapping("/check-in/sessions/{id}/rating")
	String rate(AuthenticatedAccount me, @PathVariable UUID id, @ModelAttribute RatingForm form,
			HttpServletResponse response, Model model) {
		try {
			this.ratings.rate(me, id, form.stars(), form.comment());
			return "redirect:/me/hours?rated";
		}
		catch (DomainException ex) {
			this.parts.refuse(model, ex, response);
			return result(me, id, model);
		}
	}

	/**
	 * 评价: the same fields as {@code POST /check-ins/{id}/rating}, checked by
	 * {@link Ratings}.
	 */
	record RatingForm(@Nullable Integer stars, @Nullable String comment) {
	}

	/** What the check-out page's form sends. */
	record CheckOutForm(@Nullable Double lat, @Nullable Double lng, @Nullable Double accuracy, @Nullable Boolean touch,
			@Nullable Boolean webdriver) {
	}

}
