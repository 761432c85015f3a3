package org.yixing.attendance;

import java.util.UUID;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;
import org.yixing.activity.GeofenceJson;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.web.MapSettings;
import org.yixing.shared.web.PageFeedback;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the check-in pages and the session pages share: the live map's model, a refusal
 * with its advice, the volunteer's own session and its activity, and the checks of a
 * position the page sends.
 */
@Component
class CheckInPageParts {

	private final Sessions sessions;

	private final ActivityDirectory activities;

	private final MapSettings map;

	private final PageFeedback feedback;

	private final JsonMapper json;

	CheckInPageParts(Sessions sessions, ActivityDirectory activities, MapSettings map, PageFeedback feedback,
			JsonMapper json) {
		this.sessions = sessions;
		this.activities = activities;
		this.map = map;
		this.feedback = feedback;
		this.json = json;
	}

	void liveModel(Model model, CheckInActivity activity, String organizationName, String code) {
		model.addAttribute("activity", activity);
		model.addAttribute("organizationName", organizationName);
		model.addAttribute("code", code);
		model.addAttribute("fenceJson",
				this.json.writeValueAsString(GeofenceJson.of(this.map.display(activity.geofence()))));
		model.addAttribute("map", this.map);
	}

	void refuse(Model model, DomainException ex, HttpServletResponse response) {
		this.feedback.refuse(model, ex, response, "");
		model.addAttribute("advice", this.feedback.optionalText("ui.checkin.advice." + ex.code().name()));
	}

	Session mine(AuthenticatedAccount me, UUID id) {
		return this.sessions.find(id)
			.filter((s) -> s.accountId().equals(me.id().value()))
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
	}

	CheckInActivity activityOf(Session session) {
		return this.activities.find(new ActivityId(session.activityId())).orElseThrow();
	}

	static boolean validPosition(double lat, double lng) {
		return lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180;
	}

	static @Nullable Double positive(@Nullable Double accuracy) {
		return (accuracy != null && accuracy >= 0 && accuracy < 100_000) ? accuracy : null;
	}

}
