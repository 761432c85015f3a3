package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.activity.ActivityDirectory;
import org.yixing.face.FaceConsent;
import org.yixing.face.FaceRecognition;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.geo.CoordinateSystem;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.web.PlainlyValid;

/** Check-in, check-out, ratings and the volunteer's sessions (docs/API.md). */
@RestController
@RequestMapping("/api/v1")
class CheckInController {

	static final String DEVICE_HEADER = "X-Device-Id";

	/**
	 * The longest sign-in code a check-in may name (the codes themselves have 6 digits).
	 */
	static final int CODE_MAX = 16;

	/** The longest version of the integrity agreement or of the face consent. */
	static final int VERSION_MAX = 50;

	static final int QR_TOKEN_MAX = 64;

	private final CheckIns checkIns;

	private final Ratings ratings;

	private final ActivityDirectory activities;

	private final FaceRecognition faces;

	private final Clock clock;

	private final SessionLists lists;

	CheckInController(FaceRecognition faces, CheckIns checkIns, Ratings ratings, ActivityDirectory activities,
			Clock clock, SessionLists lists) {
		this.lists = lists;
		this.faces = faces;
		this.checkIns = checkIns;
		this.ratings = ratings;
		this.activities = activities;
		this.clock = clock;
	}

	@PostMapping("/check-ins")
	@ResponseStatus(HttpStatus.CREATED)
	CheckedIn checkIn(AuthenticatedAccount caller,
			@RequestHeader(name = DEVICE_HEADER, required = false) @Nullable String deviceId,
			@Valid @RequestBody CheckInBody body, HttpServletRequest request) {
		CheckIns.Method method = (body.method() != null) ? body.method() : CheckIns.Method.QUICK;
		FaceRecognition.Capture face = null;
		if (method == CheckIns.Method.FACE) {
			// Analysed before the check-in's transaction; refused, if at all, at step 9.
			face = this.faces.capture(FaceRecognition.picture(body.faceImage(), "faceImage"));
		}
		CheckIns.CheckedIn checkedIn = this.checkIns.checkIn(caller,
				new CheckIns.CheckInRequest(body.checkInCode().trim(), body.location().point(),
						body.location().accuracyMeters(), system(body.coordinateSystem()),
						Boolean.TRUE.equals(body.agreementAccepted()),
						(body.agreementVersion() != null) ? body.agreementVersion() : "", method, device(deviceId),
						request.getRemoteAddr(), face, faceConsent(method, body.faceConsentVersion()), body.qrToken(),
						client(body.clientSignals(), request)));
		Session session = checkedIn.session();
		return new CheckedIn(session.id().toString(), session.activityId().toString(), checkedIn.activityTitle(),
				local(session.checkedInAt()), SessionStatus.OPEN);
	}

	@PostMapping("/check-ins/{sessionId}/check-out")
	CheckedOut checkOut(AuthenticatedAccount caller, @PathVariable UUID sessionId,
			@RequestHeader(name = DEVICE_HEADER, required = false) @Nullable String deviceId,
			@Valid @RequestBody CheckOutBody body, HttpServletRequest request) {
		Session session = this.checkIns.checkOut(caller, sessionId,
				new CheckIns.CheckOutRequest(body.location().point(), body.location().accuracyMeters(),
						system(body.coordinateSystem()), device(deviceId), client(body.clientSignals(), request)));
		return new CheckedOut(session.id().toString(), local(session.checkedInAt()), local(session.checkedOutAt()),
				session.creditMinutes(), SessionStatus.COMPLETED);
	}

	@PostMapping("/check-ins/{sessionId}/rating")
	@ResponseStatus(HttpStatus.CREATED)
	Ratings.Rating rate(AuthenticatedAccount caller, @PathVariable UUID sessionId,
			@Valid @RequestBody RatingBody body) {
		return this.ratings.rate(caller, sessionId, body.stars(), body.comment());
	}

	/** Status as of now: an open session past its expiry reads VOID at once. */
	@GetMapping("/me/sessions")
	List<MySession> mySessions(AuthenticatedAccount caller) {
		Instant now = this.clock.instant();
		List<Session> mine = this.lists.ofAccount(caller.id().value());
		Map<UUID, String> titles = this.activities.titlesOf(mine.stream().map(Session::activityId).toList());
		return mine.stream()
			.map((s) -> new MySession(s.id().toString(), s.activityId().toString(),
					titles.getOrDefault(s.activityId(), ""), local(s.checkedInAt()), local(s.checkedOutAt()),
					s.statusAt(now), s.creditMinutes(), s.method()))
			.toList();
	}

	/**
	 * The biometric consent a face check-in carries. RULES §7: the first face check-in
	 * enrols, with explicit consent; the API contract's check-in has no consent field of
	 * its own, so sending a face picture for check-in is that consent to the current
	 * 人脸信息处理规则 ({@code GET /face/consent}), which a client shows before its camera,
	 * unless it names the version it showed in {@code faceConsentVersion}. (Our own page
	 * asks for the tick and sends it.) Only recorded when this check-in enrols.
	 */
	private static @Nullable String faceConsent(CheckIns.Method method, @Nullable String version) {
		if (method != CheckIns.Method.FACE || (version != null && !version.isBlank())) {
			return version;
		}
		return FaceConsent.CURRENT.version();
	}

	/** What the page reported, with the browser's user agent (RULES §12 DESKTOP). */
	static RiskSignals.ClientSignals client(@Nullable ClientSignalsBody body, HttpServletRequest request) {
		return RiskSignals.ClientSignals.of((body != null) ? body.touchScreen() : null,
				(body != null) ? body.webdriver() : null, request);
	}

	static String device(@Nullable String deviceId) {
		String trimmed = (deviceId != null) ? deviceId.trim() : "";
		if (trimmed.length() < 8 || trimmed.length() > 128) {
			throw DomainException.invalidField(DEVICE_HEADER, "device.invalid");
		}
		return trimmed;
	}

	private static CoordinateSystem system(@Nullable CoordinateSystem system) {
		return (system != null) ? system : CoordinateSystem.WGS84;
	}

	private static @Nullable OffsetDateTime local(@Nullable Instant instant) {
		return (instant != null) ? ApplicationClock.local(instant) : null;
	}

	record Location(@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
			@NotNull @DecimalMin("-180") @DecimalMax("180") Double lng,
			@Nullable @PositiveOrZero Double accuracyMeters) implements PlainlyValid {

		GeoPoint point() {
			return new GeoPoint(this.lat, this.lng);
		}

		@Override
		public boolean plainlyValid() {
			return PlainlyValid.within(this.lat, -GeoPoint.MAX_LAT, GeoPoint.MAX_LAT)
					&& PlainlyValid.within(this.lng, -GeoPoint.MAX_LNG, GeoPoint.MAX_LNG)
					&& (this.accuracyMeters == null || PlainlyValid.positiveOrZero(this.accuracyMeters));
		}

	}

	record CheckInBody(@NotBlank @Size(max = CODE_MAX) String checkInCode, @NotNull @Valid Location location,
			@Nullable CoordinateSystem coordinateSystem, @Nullable Boolean agreementAccepted,
			@Nullable @Size(max = VERSION_MAX) String agreementVersion, CheckIns.@Nullable Method method,
			@Nullable String faceImage, @Nullable @Size(max = VERSION_MAX) String faceConsentVersion,
			@Nullable @Size(max = QR_TOKEN_MAX) String qrToken,
			@Nullable ClientSignalsBody clientSignals) implements PlainlyValid {

		@Override
		public boolean plainlyValid() {
			return PlainlyValid.plainlyNotBlank(this.checkInCode) && PlainlyValid.atMost(this.checkInCode, CODE_MAX)
					&& this.location != null && this.location.plainlyValid()
					&& PlainlyValid.atMost(this.agreementVersion, VERSION_MAX)
					&& PlainlyValid.atMost(this.faceConsentVersion, VERSION_MAX)
					&& PlainlyValid.atMost(this.qrToken, QR_TOKEN_MAX);
		}

	}

	record CheckOutBody(@NotNull @Valid Location location, @Nullable CoordinateSystem coordinateSystem,
			@Nullable ClientSignalsBody clientSignals) implements PlainlyValid {

		@Override
		public boolean plainlyValid() {
			return this.location != null && this.location.plainlyValid();
		}

	}

	/**
	 * What the page reports about the browser (RULES §12 risk signals).
	 *
	 * @param touchScreen whether it has a touch screen
	 * ({@code navigator.maxTouchPoints > 0})
	 * @param webdriver {@code navigator.webdriver}: driven by automation
	 */
	record ClientSignalsBody(@Nullable Boolean touchScreen, @Nullable Boolean webdriver) {
	}

	record RatingBody(@NotNull @Min(Ratings.MIN_STARS) @Max(Ratings.MAX_STARS) Integer stars,
			@Nullable @Size(max = Ratings.MAX_COMMENT) String comment) {
	}

	record CheckedIn(String sessionId, String activityId, String activityTitle, OffsetDateTime checkedInAt,
			SessionStatus status) {
	}

	record CheckedOut(String sessionId, @Nullable OffsetDateTime checkedInAt, @Nullable OffsetDateTime checkedOutAt,
			int creditMinutes, SessionStatus status) {
	}

	/**
	 * @param method QUICK, FACE, MANUAL (an admin checked the volunteer in by hand) or
	 * SCAN (an admin scanned the volunteer's personal code)
	 */
	record MySession(String sessionId, String activityId, String activityTitle, @Nullable OffsetDateTime checkedInAt,
			@Nullable OffsetDateTime checkedOutAt, SessionStatus status, int creditMinutes, String method) {
	}

}
