package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityDetails;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityPhase;
import org.yixing.activity.CheckInActivity;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.organization.OverviewPart;
import org.yixing.shared.ApplicationClock;

/**
 * 今日活动 on the console's 概览: the activities of the day (Beijing) in the organizations
 * shown and below them, not cancelled, earliest first, with who is on duty, who checked
 * out and how many signed up, and the way to the live list and the sign-in code.
 */
@Component
class TodayOverview implements OverviewPart {

	/** The most shown; the rest are on each organization's activities page. */
	static final int SHOWN = 30;

	/** The most read, cancelled ones among them, to know whether there are more. */
	private static final int READ = 200;

	private final ActivityDirectory activities;

	private final OrganizationDirectory organizations;

	private final SessionLists sessions;

	private final SignUps signUps;

	private final Clock clock;

	TodayOverview(ActivityDirectory activities, OrganizationDirectory organizations, SessionLists sessions,
			SignUps signUps, Clock clock) {
		this.activities = activities;
		this.organizations = organizations;
		this.sessions = sessions;
		this.signUps = signUps;
		this.clock = clock;
	}

	@Override
	public Optional<Shown> of(AuthenticatedAccount caller, List<OrganizationId> within) {
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, ApplicationClock.ZONE);
		List<CheckInActivity> found = this.activities
			.between(within, today.atStartOfDay(ApplicationClock.ZONE).toInstant(),
					today.plusDays(1).atStartOfDay(ApplicationClock.ZONE).toInstant(), READ)
			.stream()
			.map(ActivityDetails::checkIn)
			.filter((a) -> !a.cancelled())
			.toList();
		if (found.isEmpty()) {
			return Optional.empty();
		}
		List<CheckInActivity> listed = found.stream().limit(SHOWN).toList();
		List<UUID> ids = listed.stream().map((a) -> a.id().value()).toList();
		Map<UUID, Map<String, Integer>> counts = this.sessions.countsOfActivities(ids, now);
		Map<UUID, Long> signedUp = this.signUps.rosterSizes(ids);
		Map<UUID, String> names = this.organizations
			.namesOf(listed.stream().map((a) -> a.organizationId().value()).distinct().toList());
		List<Today> rows = listed.stream().map((a) -> {
			Map<String, Integer> c = counts.getOrDefault(a.id().value(), Map.of());
			return new Today(a.id().value(), a.title(), names.getOrDefault(a.organizationId().value(), ""), a.startAt(),
					a.endAt(), ActivityPhase.of(a, now), c.getOrDefault("OPEN", 0), c.getOrDefault("COMPLETED", 0),
					signedUp.getOrDefault(a.id().value(), 0L), !now.isAfter(a.checkOutDeadline()));
		}).toList();
		return Optional.of(new Shown("attendance/console/overview", new Part(rows, found.size() > SHOWN), 10));
	}

	/**
	 * @param onDuty checked in and not out (在岗)
	 * @param checkedOut 已签退
	 * @param signedUp on the sign-up roster (报名)
	 * @param codeShown whether its sign-in code is still of use (until the check-out
	 * deadline)
	 */
	record Today(UUID id, String title, String organizationName, Instant startAt, Instant endAt, ActivityPhase status,
			int onDuty, int checkedOut, long signedUp, boolean codeShown) {
	}

	/**
	 * @param more there are more than {@link #SHOWN}
	 */
	record Part(List<Today> activities, boolean more) {
	}

}
