package org.yixing.attendance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.yixing.activity.ActivityDetails;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.ActivityPhase;
import org.yixing.activity.CheckInActivity;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Activities as a volunteer sees them: by sign-in code for the live check-in page, and
 * the activities of their organizations with places and their own sign-up. One read model
 * for the API and the pages.
 */
@Service
class VolunteerActivities {

	private final ActivityDirectory activities;

	private final OrganizationDirectory organizations;

	private final SignUps signUps;

	private final CheckInCodeGuesses guesses;

	private final InsuranceCoverage insurance;

	private final Clock clock;

	VolunteerActivities(ActivityDirectory activities, OrganizationDirectory organizations, SignUps signUps,
			CheckInCodeGuesses guesses, InsuranceCoverage insurance, Clock clock) {
		this.activities = activities;
		this.insurance = insurance;
		this.organizations = organizations;
		this.signUps = signUps;
		this.guesses = guesses;
		this.clock = clock;
	}

	/**
	 * The activity behind a sign-in code. Unknown codes count against the account and the
	 * address ({@link CheckInCodeGuesses}), so codes cannot be enumerated.
	 */
	VolunteerActivity byCode(AuthenticatedAccount caller, String code, String clientAddress) {
		this.guesses.requireBudget(caller, clientAddress);
		ActivityDetails found = this.activities.findByCheckInCode(code)
			.flatMap((a) -> this.activities.details(a.id()))
			.orElse(null);
		if (found == null) {
			this.guesses.miss(caller, clientAddress);
			throw new DomainException(ErrorCode.CHECK_IN_CODE_NOT_FOUND);
		}
		return views(caller, List.of(found), this.clock.instant(), List.of()).get(0);
	}

	VolunteerActivity one(AuthenticatedAccount caller, ActivityId id) {
		ActivityDetails details = this.activities.details(id)
			.filter((d) -> visible(caller, d))
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		Instant now = this.clock.instant();
		return views(caller, List.of(details), now, held(caller, now)).get(0);
	}

	/**
	 * An activity open to all as anyone sees it before signing in (a link passed on to
	 * recruit volunteers): its facts and places left; members-only ones are for their
	 * members ({@code NOT_FOUND} here).
	 */
	Optional<VolunteerActivity> preview(ActivityId id) {
		Instant now = this.clock.instant();
		return this.activities.details(id).filter((d) -> !d.checkIn().membersOnly()).map((d) -> {
			CheckInActivity activity = d.checkIn();
			String organization = this.organizations.find(activity.organizationId())
				.map(OrganizationDirectory.OrganizationSummary::name)
				.orElse("");
			long participants = this.signUps.participants(List.of(activity.id().value()), now)
				.getOrDefault(activity.id().value(), 0L);
			return new VolunteerActivity(d, organization, false, participants, ActivityPhase.of(activity, now), null,
					List.of(), activity.signUpOpenAt(now), null);
		});
	}

	/**
	 * Activities that have not ended: those of the volunteer's organizations and of every
	 * organization above them, and those they signed up or wait for; soonest first.
	 */
	List<VolunteerActivity> mine(AuthenticatedAccount caller) {
		Instant now = this.clock.instant();
		Map<ActivityId, ActivityDetails> found = new LinkedHashMap<>();
		this.activities.notEndedOf(this.organizations.ownAndAbove(caller.id()), now)
			.forEach((d) -> found.put(d.checkIn().id(), d));
		return soonestFirst(caller, found, now);
	}

	/**
	 * The activities not ended that the volunteer signed up for, or waits for until their
	 * start (候补), soonest first: 首页's 我报名的活动.
	 */
	List<VolunteerActivity> joined(AuthenticatedAccount caller) {
		Instant now = this.clock.instant();
		return soonestFirst(caller, new LinkedHashMap<>(), now).stream()
			.filter((v) -> v.signedUp() || v.waitlistPosition() != null)
			.toList();
	}

	/**
	 * The views of the activities found and of those the volunteer signed up or waits
	 * for, not ended, soonest first, each compared with the times the volunteer holds.
	 */
	private List<VolunteerActivity> soonestFirst(AuthenticatedAccount caller, Map<ActivityId, ActivityDetails> found,
			Instant now) {
		SignUps.Joined joined = this.signUps.activitiesOf(caller.id().value());
		this.activities
			.findAll(joined.all().stream().map(ActivityId::new).filter((id) -> !found.containsKey(id)).toList())
			.stream()
			.filter((d) -> d.checkIn().endAt().isAfter(now))
			.forEach((d) -> found.put(d.checkIn().id(), d));
		List<ActivityDetails> sorted = new ArrayList<>(found.values());
		sorted.sort(Comparator.comparing((ActivityDetails d) -> d.checkIn().startAt()));
		List<CheckInActivity> held = sorted.stream()
			.map(ActivityDetails::checkIn)
			.filter((a) -> joined.holdsTime(a, now))
			.toList();
		return views(caller, sorted, now, held);
	}

	/**
	 * The activities not ended nor cancelled that the volunteer signed up for, or waits
	 * for until their start: what another activity's time may overlap.
	 */
	private List<CheckInActivity> held(AuthenticatedAccount caller, Instant now) {
		SignUps.Joined joined = this.signUps.activitiesOf(caller.id().value());
		return this.activities.findAll(joined.all().stream().map(ActivityId::new).toList())
			.stream()
			.map(ActivityDetails::checkIn)
			.filter((a) -> joined.holdsTime(a, now))
			.toList();
	}

	/**
	 * Members-only activities are shown to their members; the others to anyone signed in.
	 */
	private boolean visible(AuthenticatedAccount caller, ActivityDetails details) {
		CheckInActivity activity = details.checkIn();
		return !activity.membersOnly() || this.organizations.isMemberOfOrBelow(caller.id(), activity.organizationId())
				|| this.signUps.isSignedUp(activity.id().value(), caller.id().value());
	}

	/**
	 * @param held the activities the volunteer signed up or waits for, whose times each
	 * view's activity is compared with (none: not compared)
	 */
	private List<VolunteerActivity> views(AuthenticatedAccount caller, List<ActivityDetails> details, Instant now,
			List<CheckInActivity> held) {
		List<UUID> ids = details.stream().map((d) -> d.checkIn().id().value()).toList();
		Set<UUID> signedUp = ids.isEmpty() ? Set.of() : this.signUps.signedUpAmong(caller.id().value(), ids);
		Map<UUID, Long> participants = ids.isEmpty() ? Map.of() : this.signUps.participants(ids, now);
		Map<UUID, Integer> waiting = ids.isEmpty() ? Map.of()
				: this.signUps.waitlistPositions(caller.id().value(), ids);
		// 保险 (RULES §6 check 8): told before the day, not only refused at the check-in
		Set<LocalDate> insuredDays = this.insurance.coveredOf(caller.id().value(),
				details.stream()
					.map(ActivityDetails::checkIn)
					.filter((a) -> insuranceTold(a, now))
					.map(VolunteerActivities::day)
					.collect(Collectors.toSet()));
		Map<OrganizationId, String> names = new LinkedHashMap<>();
		return details.stream().map((d) -> {
			CheckInActivity activity = d.checkIn();
			String organization = names.computeIfAbsent(activity.organizationId(),
					(id) -> this.organizations.find(id)
						.map(OrganizationDirectory.OrganizationSummary::name)
						.orElse(""));
			// A waitlist ends at the start (RULES §5).
			Integer position = (!activity.cancelled() && now.isBefore(activity.startAt()))
					? waiting.get(activity.id().value()) : null;
			// 时间冲突: another activity held at an overlapping time.
			List<Overlap> overlapping = held.stream()
				.filter((h) -> !h.id().equals(activity.id()) && SignUps.overlap(activity, h))
				.map((h) -> new Overlap(h.id(), h.title(), h.startAt(), h.endAt()))
				.toList();
			return new VolunteerActivity(d, organization, signedUp.contains(activity.id().value()),
					participants.getOrDefault(activity.id().value(), 0L), ActivityPhase.of(activity, now), position,
					overlapping, activity.signUpOpenAt(now),
					insuranceTold(activity, now) ? insuredDays.contains(day(activity)) : null);
		}).toList();
	}

	/**
	 * Whether the volunteer, and the roster, are told if a policy covers the activity's
	 * day: it requires one, and is neither cancelled nor ended.
	 */
	static boolean insuranceTold(CheckInActivity activity, Instant now) {
		return activity.requiresInsurance() && !activity.cancelled() && activity.endAt().isAfter(now);
	}

	/** The activity's day in Beijing, the day a policy must cover (RULES §6 check 8). */
	static LocalDate day(CheckInActivity activity) {
		return activity.startAt().atZone(ApplicationClock.ZONE).toLocalDate();
	}

	/**
	 * @param status UPCOMING, IN_PROGRESS or ENDED at the time of reading, or CANCELLED
	 * @param waitlistPosition the volunteer's place on the waitlist (候补), 1 first, until
	 * the start; {@code null} when not waiting
	 * @param overlapping the other activities the volunteer signed up or waits for whose
	 * times overlap this one's (时间冲突), earliest first
	 * @param signUpOpen whether signing up (and the waitlist) is still open: not past
	 * 报名截止, nor the end
	 * @param insured for an activity that requires insurance, not cancelled nor ended:
	 * whether a policy of the volunteer covers its day; {@code null} otherwise
	 */
	record VolunteerActivity(ActivityDetails details, String organizationName, boolean signedUp, long participants,
			ActivityPhase status, @Nullable Integer waitlistPosition, List<Overlap> overlapping, boolean signUpOpen,
			@Nullable Boolean insured) {

		public CheckInActivity activity() {
			return this.details.checkIn();
		}

		/** Places left, or null without a capacity. */
		public @Nullable Long placesLeft() {
			Integer capacity = activity().capacity();
			return (capacity != null) ? Math.max(0, capacity - this.participants) : null;
		}

		/**
		 * Full, not started and before 报名截止: the volunteer may wait for a place (候补).
		 */
		public boolean mayWait() {
			return full() && this.waitlistPosition == null && this.status == ActivityPhase.UPCOMING && this.signUpOpen;
		}

		public boolean full() {
			Long left = placesLeft();
			return left != null && left == 0 && !this.signedUp;
		}

		/** Check-in opens (the check-in window's start). */
		public Instant checkInOpensAt() {
			return activity().startAt().minus(activity().checkInOpensBefore());
		}

	}

	/** Another activity held at an overlapping time (时间冲突). */
	record Overlap(ActivityId id, String title, Instant startAt, Instant endAt) {
	}

}
