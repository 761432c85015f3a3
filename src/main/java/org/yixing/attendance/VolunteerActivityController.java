package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.activity.ActivityId;
import org.yixing.activity.ActivityPhase;
import org.yixing.activity.CheckInActivity;
import org.yixing.activity.GeofenceJson;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.ApplicationClock;

/**
 * What the volunteer's app asks before checking in: the integrity agreement, the activity
 * behind a code, sign-ups and the activities of their organizations (docs/API.md).
 */
@RestController
@RequestMapping("/api/v1")
class VolunteerActivityController {

	private final Agreements agreements;

	private final VolunteerActivities activities;

	private final SignUps signUps;

	private final Clock clock;

	VolunteerActivityController(Agreements agreements, VolunteerActivities activities, SignUps signUps, Clock clock) {
		this.agreements = agreements;
		this.activities = activities;
		this.signUps = signUps;
		this.clock = clock;
	}

	@GetMapping("/agreements/current")
	Agreements.Agreement currentAgreement() {
		return this.agreements.current();
	}

	@GetMapping("/activities/by-code/{code}")
	ActivityForVolunteer byCode(AuthenticatedAccount caller, @PathVariable String code, HttpServletRequest request) {
		return ActivityForVolunteer.of(this.activities.byCode(caller, code, request.getRemoteAddr()));
	}

	@PostMapping("/activities/{id}/sign-up")
	@ResponseStatus(HttpStatus.CREATED)
	ActivityForVolunteer signUp(AuthenticatedAccount caller, @PathVariable UUID id) {
		this.signUps.signUp(caller, new ActivityId(id));
		return ActivityForVolunteer.of(this.activities.one(caller, new ActivityId(id)));
	}

	@DeleteMapping("/activities/{id}/sign-up")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void cancelSignUp(AuthenticatedAccount caller, @PathVariable UUID id) {
		this.signUps.cancel(caller, new ActivityId(id));
	}

	/**
	 * 候补 (RULES §5): waits for a place of a full activity until its start; with a place
	 * free it signs up instead ({@code signedUp}).
	 */
	@PostMapping("/activities/{id}/waitlist")
	@ResponseStatus(HttpStatus.CREATED)
	ActivityForVolunteer joinWaitlist(AuthenticatedAccount caller, @PathVariable UUID id) {
		this.signUps.joinWaitlist(caller, new ActivityId(id));
		return ActivityForVolunteer.of(this.activities.one(caller, new ActivityId(id)));
	}

	@DeleteMapping("/activities/{id}/waitlist")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void leaveWaitlist(AuthenticatedAccount caller, @PathVariable UUID id) {
		this.signUps.leaveWaitlist(caller, new ActivityId(id));
	}

	@GetMapping("/me/activities")
	List<ActivityForVolunteer> myActivities(AuthenticatedAccount caller) {
		return this.activities.mine(caller).stream().map(ActivityForVolunteer::of).toList();
	}

	/**
	 * 报名未到 (RULES §10): the activities of the past year I signed up for, kept the sign-up
	 * and did not come to, the latest first; what the organizers see counted beside my
	 * name in their sign-up lists.
	 */
	@GetMapping("/me/no-shows")
	MyNoShows myNoShows(AuthenticatedAccount caller) {
		Instant now = this.clock.instant();
		List<NoShowActivity> activities = this.signUps.noShowsOf(caller.id().value(), now)
			.stream()
			.map((n) -> new NoShowActivity(n.activityId().toString(), n.title(), ApplicationClock.local(n.startAt()),
					ApplicationClock.local(n.endAt())))
			.toList();
		return new MyNoShows(activities.size(), ApplicationClock.local(now.minus(SignUps.NO_SHOWS_OVER)), activities);
	}

	/**
	 * @param count how many
	 * @param since the start of the year counted: activities that ended after it
	 * @param activities the latest first
	 */
	record MyNoShows(int count, OffsetDateTime since, List<NoShowActivity> activities) {
	}

	/** An activity signed up for and not come to. */
	record NoShowActivity(String id, String title, OffsetDateTime startAt, OffsetDateTime endAt) {
	}

	/**
	 * @param geofence WGS-84
	 * @param status UPCOMING, IN_PROGRESS or ENDED when read; CANCELLED (已取消) whatever
	 * the time
	 * @param cancellationReason why it was cancelled, when it was
	 * @param waitlistPosition my place on its waitlist (候补), 1 first, until the start;
	 * {@code null} when I am not waiting
	 * @param overlapping the other activities, not ended nor cancelled, that I signed up
	 * or wait for at an overlapping time (时间冲突), earliest first; not filled in when read
	 * by sign-in code
	 * @param signUpClosesAt 报名截止: when signing up and the waitlist close, if the activity
	 * sets it (otherwise sign-ups run until the end)
	 * @param insured for an activity that requires insurance, not cancelled nor ended:
	 * whether a policy of mine covers its day (without one the check-in is refused,
	 * {@code INSURANCE_REQUIRED}); {@code null} otherwise
	 */
	record ActivityForVolunteer(String id, String title, String organizationId, String organizationName,
			String description, String place, OffsetDateTime startAt, OffsetDateTime endAt,
			OffsetDateTime checkInOpensAt, OffsetDateTime checkOutDeadline, GeofenceJson geofence, boolean membersOnly,
			boolean requiresInsurance, @Nullable Integer capacity, long participants, boolean signedUp,
			ActivityPhase status, @Nullable String cancellationReason, @Nullable Integer waitlistPosition,
			List<OverlappingActivity> overlapping, @Nullable OffsetDateTime signUpClosesAt, @Nullable Boolean insured) {

		static ActivityForVolunteer of(VolunteerActivities.VolunteerActivity view) {
			CheckInActivity a = view.activity();
			return new ActivityForVolunteer(a.id().toString(), a.title(), a.organizationId().toString(),
					view.organizationName(), view.details().record().content(), view.details().record().place(),
					ApplicationClock.local(a.startAt()), ApplicationClock.local(a.endAt()),
					ApplicationClock.local(view.checkInOpensAt()), ApplicationClock.local(a.checkOutDeadline()),
					GeofenceJson.of(a.geofence()), a.membersOnly(), a.requiresInsurance(), a.capacity(),
					view.participants(), view.signedUp(), view.status(), view.details().cancellationReason(),
					view.waitlistPosition(),
					view.overlapping()
						.stream()
						.map((o) -> new OverlappingActivity(o.id().toString(), o.title(),
								ApplicationClock.local(o.startAt()), ApplicationClock.local(o.endAt())))
						.toList(),
					(a.signUpClosesAt() != null) ? ApplicationClock.local(a.signUpClosesAt()) : null, view.insured());
		}

	}

	/**
	 * Another activity at an overlapping time.
	 *
	 * @param id {@code null} on an admin's roster for another organization's activity
	 * @param title as {@code id}
	 */
	record OverlappingActivity(@Nullable String id, @Nullable String title, OffsetDateTime startAt,
			OffsetDateTime endAt) {
	}

}
