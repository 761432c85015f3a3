package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;

/**
 * What the sign-up roster says beside each volunteer, the same in the API, the console
 * and the workbook: 报名未到 of the organization's activities over the past year (RULES §10),
 * whether a policy covers the activity's day where it requires one (§9), and 时间冲突 (§5).
 */
@Component
class RosterNotes {

	private final SignUps signUps;

	private final InsuranceCoverage insurance;

	private final Clock clock;

	RosterNotes(SignUps signUps, InsuranceCoverage insurance, Clock clock) {
		this.signUps = signUps;
		this.insurance = insurance;
		this.clock = clock;
	}

	Notes of(CheckInActivity activity, Collection<UUID> people) {
		Instant now = this.clock.instant();
		Map<UUID, List<Clash>> clashes = new HashMap<>();
		this.signUps.clashes(activity, people, now)
			.forEach((account, others) -> clashes.put(account,
					others.stream().map((other) -> Clash.of(other, activity)).toList()));
		return new Notes(this.signUps.noShows(activity.organizationId().value(), people, now),
				VolunteerActivities.insuranceTold(activity, now)
						? this.insurance.coveredAmong(people, VolunteerActivities.day(activity)) : null,
				clashes);
	}

	/**
	 * Another activity at an overlapping time, as the roster's admins see it: named when
	 * it is their organization's, by its time alone when it is another organization's
	 * (what else a volunteer does is theirs to tell).
	 */
	record Clash(@Nullable ActivityId id, @Nullable String title, Instant startAt, Instant endAt) {

		static Clash of(CheckInActivity other, CheckInActivity activity) {
			boolean ours = other.organizationId().equals(activity.organizationId());
			return new Clash(ours ? other.id() : null, ours ? other.title() : null, other.startAt(), other.endAt());
		}

	}

	/**
	 * @param insured those covered, where the activity requires insurance and is neither
	 * cancelled nor ended; {@code null} otherwise
	 */
	record Notes(Map<UUID, Integer> noShows, @Nullable Set<UUID> insured, Map<UUID, List<Clash>> clashes) {

		/** 报名未到, 0 for none. */
		public int noShowsOf(UUID account) {
			return this.noShows.getOrDefault(account, 0);
		}

		/** Whether a policy covers the day; {@code null} where nothing is asked. */
		@Nullable Boolean insured(UUID account) {
			return (this.insured != null) ? this.insured.contains(account) : null;
		}

		/** For the pages: signed up without the policy the activity asks for. */
		public boolean uninsured(UUID account) {
			return this.insured != null && !this.insured.contains(account);
		}

		/** The other activities at an overlapping time, earliest first. */
		public List<Clash> clashesOf(UUID account) {
			return this.clashes.getOrDefault(account, List.of());
		}

	}

}
