package org.yixing.attendance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.geo.Geofence;

/**
 * 风险提示 (RULES §12): what makes a located check-in or check-out doubtful, kept on the
 * session with its evidence and shown to admins only. A signal never refuses by itself.
 */
@Component
class RiskSignals {

	/** Reported accuracy beyond this (or beyond the circle's radius) is poor. */
	static final double POOR_ACCURACY_METRES = 200;

	/** Coordinates equal to this many degrees are the same position. */
	static final double SAME_POSITION_DEGREES = 1e-6;

	static final double IMPOSSIBLE_KMH = 150;

	/** Travel shorter than this is never impossible (GPS jumps, a campus bus). */
	static final double IMPOSSIBLE_MIN_KM = 2;

	private final Sessions sessions;

	RiskSignals(Sessions sessions) {
		this.sessions = sessions;
	}

	/**
	 * The signals of a check-in ({@code session} null) or of the check-out of
	 * {@code session}, at {@code position} (WGS-84), in one database round trip.
	 */
	List<Finding> assess(Direction direction, UUID activity, UUID account, GeoPoint position, @Nullable Double accuracy,
			Geofence fence, Instant now, ClientSignals client) {
		return assess(direction, position, accuracy, fence, now, client,
				this.sessions.neighbourhood(activity, account, position, now));
	}

	/**
	 * The same with the neighbourhood already read (check-in reads it with the open
	 * session, {@link Sessions#lockOpenOfAndDeviceOwner}).
	 */
	List<Finding> assess(Direction direction, GeoPoint position, @Nullable Double accuracy, Geofence fence, Instant now,
			ClientSignals client, Sessions.Neighbourhood around) {
		List<Finding> found = new ArrayList<>();
		if (accuracy == null) {
			found.add(new Finding(Signal.ACCURACY_MISSING, direction, Map.of()));
		}
		else if (poorAccuracy(accuracy, fence)) {
			found.add(new Finding(Signal.ACCURACY_POOR, direction, Map.of("accuracyMeters", accuracy)));
		}
		if (around.samePositionAccount() != null) {
			found.add(new Finding(Signal.SAME_POSITION, direction,
					Map.of("otherAccountId", around.samePositionAccount().toString())));
		}
		if (around.previous() != null) {
			Travel travel = Travel.between(around.previous().position(), around.previous().at(), position, now);
			if (travel.impossible()) {
				found.add(new Finding(Signal.IMPOSSIBLE_TRAVEL, direction, Map.of("distanceKm", round(travel.km()),
						"speedKmh", round(travel.kmh()), "since", around.previous().at().toString())));
			}
		}
		if (desktop(client)) {
			found.add(new Finding(Signal.DESKTOP, direction,
					(client.userAgent() != null)
							? Map.of("userAgent",
									client.userAgent().substring(0, Math.min(200, client.userAgent().length())))
							: Map.of()));
		}
		if (Boolean.TRUE.equals(client.webdriver())) {
			found.add(new Finding(Signal.AUTOMATION, direction, Map.of()));
		}
		return found;
	}

	static boolean poorAccuracy(double accuracy, Geofence fence) {
		return accuracy > POOR_ACCURACY_METRES
				|| (fence instanceof Geofence.Circle circle && accuracy > circle.radiusMeters());
	}

	/**
	 * The page reports no touch screen, or the browser says it is a desktop one (a
	 * browser's user agent without any phone or tablet marker).
	 */
	static boolean desktop(ClientSignals client) {
		if (Boolean.FALSE.equals(client.touchScreen())) {
			return true;
		}
		String agent = (client.userAgent() != null) ? client.userAgent().toLowerCase(Locale.ROOT) : "";
		if (!agent.startsWith("mozilla/")) {
			return false;
		}
		for (String phone : List.of("mobile", "android", "iphone", "ipad", "harmonyos", "openharmony")) {
			if (agent.contains(phone)) {
				return false;
			}
		}
		return true;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	enum Signal {

		ACCURACY_MISSING, ACCURACY_POOR, SAME_POSITION, IMPOSSIBLE_TRAVEL, DESKTOP, AUTOMATION

	}

	enum Direction {

		IN, OUT

	}

	/**
	 * What the page reports with a check-in or check-out, and its browser's user agent.
	 */
	record ClientSignals(@Nullable Boolean touchScreen, @Nullable Boolean webdriver, @Nullable String userAgent) {

		static final ClientSignals NONE = new ClientSignals(null, null, null);

		static ClientSignals of(@Nullable Boolean touchScreen, @Nullable Boolean webdriver,
				jakarta.servlet.http.HttpServletRequest request) {
			return new ClientSignals(touchScreen, webdriver, request.getHeader("User-Agent"));
		}

	}

	record Finding(Signal signal, Direction at, Map<String, Object> evidence) {

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("signal", this.signal.name());
			json.put("at", this.at.name());
			json.putAll(this.evidence);
			return json;
		}

	}

	/**
	 * The implied speed between two located events; impossible beyond 150 km/h over 2 km.
	 */
	record Travel(double km, double kmh) {

		static Travel between(GeoPoint from, Instant fromAt, GeoPoint to, Instant toAt) {
			double km = Geofence.distance(from, to) / 1000;
			double hours = Math.max(Duration.between(fromAt, toAt).toMillis(), 1) / 3_600_000.0;
			return new Travel(km, km / hours);
		}

		boolean impossible() {
			return this.km > IMPOSSIBLE_MIN_KM && this.kmh > IMPOSSIBLE_KMH;
		}

	}

}
