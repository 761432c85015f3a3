package org.yixing.activity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.AdminOnly;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.Reason;
import org.yixing.shared.geo.CoordinateSystem;

/** Activities (docs/API.md). */
@RestController
@RequestMapping("/api/v1")
class ActivityController {

	/** 签退提醒 by default: 15 minutes before the check-out deadline (RULES §13). */
	static final int DEFAULT_REMINDER_MINUTES = 15;

	private final ActivityManagement management;

	private final ApplicationClock clock;

	private final RotatingQrTokens qrTokens;

	private final CheckInLinks links;

	private final ActivityMessages messages;

	ActivityController(ActivityManagement management, ApplicationClock clock, RotatingQrTokens qrTokens,
			CheckInLinks links, ActivityMessages messages) {
		this.management = management;
		this.messages = messages;
		this.clock = clock;
		this.qrTokens = qrTokens;
		this.links = links;
	}

	@AdminOnly
	@PostMapping("/organizations/{id}/activities")
	@ResponseStatus(HttpStatus.CREATED)
	ActivityView publish(AuthenticatedAccount caller, @PathVariable UUID id, @Valid @RequestBody NewActivity request) {
		CoordinateSystem system = (request.coordinateSystem() != null) ? request.coordinateSystem()
				: CoordinateSystem.WGS84;
		Activity activity = this.management.publish(caller, new OrganizationId(id),
				new ActivityManagement.Draft(request.title().strip(),
						(request.description() != null) ? request.description().strip() : "",
						(request.place() != null) ? request.place().strip() : "",
						(request.leadName() != null) ? request.leadName().strip() : "", request.startAt().toInstant(),
						request.endAt().toInstant(), request.geofence().toGeofence(system),
						(request.membersOnly() != null) ? request.membersOnly() : true, request.capacity(),
						(request.checkInOpensMinutesBefore() != null) ? request.checkInOpensMinutesBefore() : 30,
						(request.checkOutGraceMinutes() != null) ? request.checkOutGraceMinutes() : 30,
						Boolean.TRUE.equals(request.requiresInsurance()),
						(request.checkInMode() != null) ? request.checkInMode() : CheckInMode.CODE,
						(request.reminderMinutes() != null) ? request.reminderMinutes() : DEFAULT_REMINDER_MINUTES,
						request.signUpClosesMinutesBefore()));
		return view(activity, true);
	}

	/** Anyone may read an activity; only admins in scope see its sign-in code. */
	@GetMapping("/activities/{id}")
	ActivityView get(Optional<AuthenticatedAccount> caller, @PathVariable UUID id) {
		Activity activity = this.management.get(new ActivityId(id));
		return view(activity, this.management.canAdminister(caller.orElse(null), activity));
	}

	@GetMapping("/organizations/{id}/activities")
	List<ActivityView> ofOrganization(Optional<AuthenticatedAccount> caller, @PathVariable UUID id) {
		return this.management.ofOrganization(new OrganizationId(id))
			.stream()
			.map((a) -> view(a, this.management.canAdminister(caller.orElse(null), a)))
			.toList();
	}

	/** Changes only the fields given; {@code capacity: 0} removes the limit. */
	@AdminOnly
	@PatchMapping("/activities/{id}")
	ActivityView edit(AuthenticatedAccount caller, @PathVariable UUID id, @Valid @RequestBody ActivityChanges request) {
		CoordinateSystem system = (request.coordinateSystem() != null) ? request.coordinateSystem()
				: CoordinateSystem.WGS84;
		Activity activity = this.management.edit(caller, new ActivityId(id),
				new ActivityManagement.Changes(request.title(), request.description(), request.place(),
						request.leadName(), (request.startAt() != null) ? request.startAt().toInstant() : null,
						(request.endAt() != null) ? request.endAt().toInstant() : null,
						(request.geofence() != null) ? request.geofence().toGeofence(system) : null,
						request.membersOnly(),
						(request.capacity() != null && request.capacity() > 0) ? request.capacity() : null,
						request.capacity() != null && request.capacity() == 0, request.checkInOpensMinutesBefore(),
						request.checkOutGraceMinutes(), request.requiresInsurance(), request.checkInMode(),
						request.reminderMinutes(),
						(request.signUpClosesMinutesBefore() != null && request.signUpClosesMinutesBefore() > 0)
								? request.signUpClosesMinutesBefore() : null,
						request.signUpClosesMinutesBefore() != null && request.signUpClosesMinutesBefore() == 0));
		return view(activity, true);
	}

	@AdminOnly
	@PostMapping("/activities/{id}/check-in-code")
	CheckInCode regenerate(AuthenticatedAccount caller, @PathVariable UUID id) {
		return new CheckInCode(this.management.regenerateCode(caller, new ActivityId(id)).checkInCode());
	}

	/**
	 * 取消活动 (RULES §5): only while nobody has checked in; the same answer again for an
	 * activity already cancelled.
	 */
	@AdminOnly
	@PostMapping("/activities/{id}/cancel")
	ActivityView cancel(AuthenticatedAccount caller, @PathVariable UUID id, @Valid @RequestBody Cancellation request) {
		return view(this.management.cancel(caller, new ActivityId(id), request.reason()), true);
	}

	/**
	 * 每周重复 (RULES §5): the activity published again in each of the next {@code weeks}
	 * weeks, every field kept, each with a sign-in code of its own; copies made before
	 * (the same title at the same start, not cancelled) are answered, not made again.
	 */
	@AdminOnly
	@PostMapping("/activities/{id}/weekly-copies")
	@ResponseStatus(HttpStatus.CREATED)
	List<ActivityView> copyWeekly(AuthenticatedAccount caller, @PathVariable UUID id,
			@Valid @RequestBody WeeklyCopies request) {
		return this.management.copyWeekly(caller, new ActivityId(id), request.weeks())
			.stream()
			.map((a) -> view(a, true))
			.toList();
	}

	/**
	 * 活动通知 (RULES §13): a message to the activity's volunteers, signed up, waiting or
	 * checked in, as a notice; at most {@value ActivityMessages#DAILY_MAX} a day.
	 */
	@AdminOnly
	@PostMapping("/activities/{id}/messages")
	@ResponseStatus(HttpStatus.CREATED)
	ActivityMessages.Message sendMessage(AuthenticatedAccount caller, @PathVariable UUID id,
			@Valid @RequestBody NewMessage request) {
		return this.messages.send(caller, new ActivityId(id), request.text());
	}

	/**
	 * The messages sent to the activity's volunteers, newest first: for its admins, and
	 * for those volunteers (signed up, waiting or checked in).
	 */
	@GetMapping("/activities/{id}/messages")
	List<ActivityMessages.Message> messages(AuthenticatedAccount caller, @PathVariable UUID id) {
		return this.messages.of(caller, new ActivityId(id));
	}

	/**
	 * What the projected 动态二维码 shows now (RULES §12): the check-in address with the code
	 * and this 10-s step's token, for the display to poll. Any activity has one; only a
	 * {@code ROTATING_QR} activity requires it.
	 */
	@AdminOnly
	@GetMapping("/activities/{id}/check-in-qr")
	CheckInQr checkInQr(AuthenticatedAccount caller, @PathVariable UUID id) {
		Activity activity = this.management.forRotatingQr(caller, new ActivityId(id));
		RotatingQrTokens.Token token = this.qrTokens.current(activity.id(), this.clock.instant());
		return new CheckInQr(this.links.of(activity.checkInCode(), token.token()), token.token(), token.step(),
				ApplicationClock.local(token.expiresAt()));
	}

	private ActivityView view(Activity activity, boolean withCode) {
		Instant now = this.clock.instant();
		CheckInActivity checkIn = activity.forCheckIn();
		ActivityPhase status = ActivityPhase.of(checkIn, now);
		return new ActivityView(activity.id().toString(), activity.organizationId().toString(), activity.title(),
				activity.description(), activity.place(), activity.leadName(),
				ApplicationClock.local(activity.startAt()), ApplicationClock.local(activity.endAt()),
				GeofenceJson.of(activity.geofence()), activity.membersOnly(), activity.capacity(),
				activity.checkInOpensMinutesBefore(), activity.checkOutGraceMinutes(), activity.requiresInsurance(),
				withCode ? activity.checkInCode() : null, status, activity.checkInMode(), activity.reminderMinutes(),
				(activity.cancellation() != null) ? ApplicationClock.local(activity.cancellation().at()) : null,
				(activity.cancellation() != null) ? activity.cancellation().reason() : null,
				activity.signUpClosesMinutesBefore(),
				(checkIn.signUpClosesAt() != null) ? ApplicationClock.local(checkIn.signUpClosesAt()) : null);
	}

	record NewActivity(@NotBlank @Size(max = ActivityTexts.TITLE_MAX) String title,
			@Nullable @Size(max = ActivityTexts.DESCRIPTION_MAX) String description,
			@Nullable @Size(max = ActivityTexts.PLACE_MAX) String place,
			@Nullable @Size(max = ActivityTexts.LEAD_NAME_MAX) String leadName, @NotNull OffsetDateTime startAt,
			@NotNull OffsetDateTime endAt, @NotNull GeofenceJson geofence, @Nullable CoordinateSystem coordinateSystem,
			@Nullable Boolean membersOnly, @Nullable @Min(1) @Max(100000) Integer capacity,
			@Nullable @Min(0) @Max(1440) Integer checkInOpensMinutesBefore,
			@Nullable @Min(0) @Max(1440) Integer checkOutGraceMinutes, @Nullable Boolean requiresInsurance,
			@Nullable CheckInMode checkInMode, @Nullable @Min(0) @Max(1440) Integer reminderMinutes,
			@Nullable @Min(1) @Max(ActivityManagement.SIGN_UP_CLOSES_MAX) Integer signUpClosesMinutesBefore) {
	}

	/**
	 * Only the fields given change; {@code capacity: 0} and
	 * {@code signUpClosesMinutesBefore: 0} remove them.
	 */
	record ActivityChanges(@Nullable @Size(min = 1, max = ActivityTexts.TITLE_MAX) String title,
			@Nullable @Size(max = ActivityTexts.DESCRIPTION_MAX) String description,
			@Nullable @Size(max = ActivityTexts.PLACE_MAX) String place,
			@Nullable @Size(max = ActivityTexts.LEAD_NAME_MAX) String leadName, @Nullable OffsetDateTime startAt,
			@Nullable OffsetDateTime endAt, @Nullable GeofenceJson geofence,
			@Nullable CoordinateSystem coordinateSystem, @Nullable Boolean membersOnly,
			@Nullable @Min(0) @Max(100000) Integer capacity,
			@Nullable @Min(0) @Max(1440) Integer checkInOpensMinutesBefore,
			@Nullable @Min(0) @Max(1440) Integer checkOutGraceMinutes, @Nullable Boolean requiresInsurance,
			@Nullable CheckInMode checkInMode, @Nullable @Min(0) @Max(1440) Integer reminderMinutes,
			@Nullable @Min(0) @Max(ActivityManagement.SIGN_UP_CLOSES_MAX) Integer signUpClosesMinutesBefore) {
	}

	record CheckInCode(String checkInCode) {
	}

	/**
	 * @param weeks how many weeks to publish it again in, 1–20 (the service says so, as
	 * for the console's form)
	 */
	record WeeklyCopies(
			@NotNull @Schema(minimum = "1", maximum = "" + ActivityManagement.MAX_WEEKLY_COPIES) Integer weeks) {
	}

	/**
	 * @param reason why, for the signed-up volunteers (1–500 characters)
	 */
	record Cancellation(@NotBlank @Size(max = Reason.MAX) String reason) {
	}

	/**
	 * @param text what the volunteers are told (1–500 characters)
	 */
	record NewMessage(@NotBlank @Size(max = ActivityMessages.TEXT_MAX) String text) {
	}

	/**
	 * @param url what the QR encodes: the check-in page with {@code code} and {@code t}
	 * @param token the token of this 10-s step ({@code qrToken} of a check-in)
	 * @param step the step's number: floor(unix seconds / 10) of the application clock
	 * @param expiresAt when the next step begins
	 */
	record CheckInQr(String url, String token, long step, OffsetDateTime expiresAt) {
	}

	record ActivityView(String id, String organizationId, String title, String description, String place,
			String leadName, OffsetDateTime startAt, OffsetDateTime endAt, GeofenceJson geofence, boolean membersOnly,
			@Nullable Integer capacity, int checkInOpensMinutesBefore, int checkOutGraceMinutes,
			boolean requiresInsurance, @Nullable String checkInCode, ActivityPhase status, CheckInMode checkInMode,
			int reminderMinutes, @Nullable OffsetDateTime cancelledAt, @Nullable String cancellationReason,
			@Nullable Integer signUpClosesMinutesBefore, @Nullable OffsetDateTime signUpClosesAt) {
	}

}
