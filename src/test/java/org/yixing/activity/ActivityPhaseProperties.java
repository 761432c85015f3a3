package org.yixing.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.geo.GeoPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * An activity is in progress exactly while check-in is open (RULES §6), so that what the
 * lists say and what check-in answers never disagree: upcoming before, ended after.
 */
class ActivityPhaseProperties {

	private static final Instant START = Instant.parse("2026-12-20T01:00:00Z");

	@Test
	void inProgressExactlyWhileCheckInIsOpenUpcomingBeforeEndedAfter() {
		qt().forAll(integers().between(0, 240), integers().between(1, 600), integers().between(-1000, 1000))
			.checkAssert((opensBefore, lengthMinutes, offsetMinutes) -> {
				CheckInActivity activity = activity(opensBefore, lengthMinutes);
				Instant now = START.plus(Duration.ofMinutes(offsetMinutes));
				ActivityPhase phase = ActivityPhase.of(activity, now);
				assertThat(phase == ActivityPhase.IN_PROGRESS).isEqualTo(activity.checkInOpenAt(now));
				if (now.isBefore(START.minus(Duration.ofMinutes(opensBefore)))) {
					assertThat(phase).isEqualTo(ActivityPhase.UPCOMING);
				}
				if (now.isAfter(activity.endAt())) {
					assertThat(phase).isEqualTo(ActivityPhase.ENDED);
				}
			});
	}

	@Test
	void aCancelledActivityIsCancelledWhateverTheTime() {
		qt().forAll(integers().between(0, 240), integers().between(1, 600), integers().between(-1000, 1000))
			.checkAssert((opensBefore, lengthMinutes, offsetMinutes) -> {
				CheckInActivity held = activity(opensBefore, lengthMinutes);
				CheckInActivity cancelled = new CheckInActivity(held.id(), held.organizationId(), held.title(),
						held.startAt(), held.endAt(), held.geofence(), held.membersOnly(), held.capacity(),
						held.checkInOpensBefore(), held.checkOutGrace(), held.requiresInsurance(), held.checkInMode(),
						held.reminderLead(), true, held.signUpClosesBefore());
				assertThat(ActivityPhase.of(cancelled, START.plus(Duration.ofMinutes(offsetMinutes))))
					.isEqualTo(ActivityPhase.CANCELLED);
			});
	}

	@Test
	void signUpsCloseAtTheDeadlineWhereOneIsSetAndOtherwiseAtTheEnd() {
		qt().forAll(integers().between(1, 20_160), integers().between(1, 600), integers().between(-30_000, 1000))
			.checkAssert((closesBefore, lengthMinutes, offsetMinutes) -> {
				CheckInActivity open = activity(30, lengthMinutes);
				CheckInActivity closing = new CheckInActivity(open.id(), open.organizationId(), open.title(),
						open.startAt(), open.endAt(), open.geofence(), open.membersOnly(), open.capacity(),
						open.checkInOpensBefore(), open.checkOutGrace(), open.requiresInsurance(), open.checkInMode(),
						open.reminderLead(), false, Duration.ofMinutes(closesBefore));
				Instant now = START.plus(Duration.ofMinutes(offsetMinutes));
				assertThat(closing.signUpOpenAt(now)).isEqualTo(offsetMinutes < -closesBefore);
				assertThat(closing.signUpClosesAt()).isEqualTo(START.minus(Duration.ofMinutes(closesBefore)));
				assertThat(open.signUpOpenAt(now)).isEqualTo(offsetMinutes <= lengthMinutes);
			});
	}

	@Test
	void theWindowsEdgesBelongToIt() {
		CheckInActivity activity = activity(30, 120);
		assertThat(ActivityPhase.of(activity, START.minus(Duration.ofMinutes(30)).minusMillis(1)))
			.isEqualTo(ActivityPhase.UPCOMING);
		assertThat(ActivityPhase.of(activity, START.minus(Duration.ofMinutes(30))))
			.isEqualTo(ActivityPhase.IN_PROGRESS);
		assertThat(ActivityPhase.of(activity, activity.endAt())).isEqualTo(ActivityPhase.IN_PROGRESS);
		assertThat(ActivityPhase.of(activity, activity.endAt().plusMillis(1))).isEqualTo(ActivityPhase.ENDED);
	}

	private static CheckInActivity activity(int opensBeforeMinutes, int lengthMinutes) {
		return new CheckInActivity(new ActivityId(UUID.randomUUID()), new OrganizationId(UUID.randomUUID()), "图书馆志愿服务",
				START, START.plus(Duration.ofMinutes(lengthMinutes)),
				new org.yixing.shared.geo.Geofence.Circle(new GeoPoint(30.47, 114.36), 200), false, null,
				Duration.ofMinutes(opensBeforeMinutes), Duration.ofMinutes(30), false, CheckInMode.CODE,
				Duration.ofMinutes(15), false, null);
	}

}
