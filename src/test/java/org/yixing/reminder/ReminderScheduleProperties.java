package org.yixing.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yixing.shared.ApplicationClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/** RULES §13: when each reminder falls, in Asia/Shanghai time. */
class ReminderScheduleProperties {

	static final Instant BASE = Instant.parse("2026-12-01T00:00:00Z");

	@Test
	void aSignUpReminderIsOnlyEverDueBeforeTheStartAfterItsTimeAndForThoseWhoSignedUpBeforeIt() {
		qt().withExamples(5000)
			.forAll(longs().between(0, 20 * 86_400), longs().between(-3 * 86_400, 3 * 86_400),
					longs().between(-3 * 86_400, 3 * 86_400))
			.checkAssert((startOffset, nowOffset, signUpOffset) -> {
				Instant start = BASE.plusSeconds(startOffset);
				Instant now = start.plusSeconds(nowOffset);
				Instant signedUp = start.plusSeconds(signUpOffset);
				Optional<ReminderKind> due = ReminderSchedule.signUpReminderDue(start, signedUp, now);
				due.ifPresent((kind) -> {
					assertThat(now).isBefore(start);
					Instant time = (kind == ReminderKind.HOUR_BEFORE) ? start.minus(Duration.ofHours(1))
							: ReminderSchedule.eveOf(start);
					assertThat(now).isAfterOrEqualTo(time);
					assertThat(signedUp).isBefore(time);
				});
				if (!now.isBefore(start.minus(Duration.ofHours(1))) && now.isBefore(start)
						&& signedUp.isBefore(start.minus(Duration.ofHours(1)))) {
					assertThat(due).contains(ReminderKind.HOUR_BEFORE);
				}
			});
	}

	@Test
	void theEveningBeforeIsTwentyOClockOfThePreviousShanghaiDayAndAlwaysBeforeTheHourBefore() {
		qt().withExamples(5000).forAll(longs().between(0, 400 * 86_400L)).checkAssert((offset) -> {
			Instant start = BASE.plusSeconds(offset);
			Instant eve = ReminderSchedule.eveOf(start);
			assertThat(eve.atZone(ApplicationClock.ZONE).toLocalTime()).isEqualTo(LocalTime.of(20, 0));
			assertThat(eve.atZone(ApplicationClock.ZONE).toLocalDate())
				.isEqualTo(start.atZone(ApplicationClock.ZONE).toLocalDate().minusDays(1));
			assertThat(eve).isBefore(start.minus(Duration.ofHours(1)));
			assertThat(Duration.between(eve, start)).isLessThanOrEqualTo(ReminderSchedule.SIGN_UP_HORIZON);
		});
	}

	@Test
	void theMidnightReminderIsDueFromTwentyToMidnightShanghaiTimeForTheComingMidnight() {
		assertThat(ReminderSchedule.midnightDue(Instant.parse("2026-12-14T15:39:59Z"))).isEmpty();
		assertThat(ReminderSchedule.midnightDue(Instant.parse("2026-12-14T15:40:00Z")))
			.contains(Instant.parse("2026-12-14T16:00:00Z"));
		assertThat(ReminderSchedule.midnightDue(Instant.parse("2026-12-14T15:59:59Z")))
			.contains(Instant.parse("2026-12-14T16:00:00Z"));
		// 23:40 UTC is 07:40 in Shanghai: nothing is due.
		assertThat(ReminderSchedule.midnightDue(Instant.parse("2026-12-14T23:40:00Z"))).isEmpty();
	}

	@Test
	void aLateRunStillRemindsOfTheNearerStartOnlyOnce() {
		Instant start = Instant.parse("2026-12-17T01:00:00Z");
		Instant signedUp = start.minus(Duration.ofDays(2));
		assertThat(ReminderSchedule.signUpReminderDue(start, signedUp, start.minus(Duration.ofMinutes(30))))
			.contains(ReminderKind.HOUR_BEFORE);
		assertThat(ReminderSchedule.signUpReminderDue(start, signedUp, start)).isEmpty();
		assertThat(ReminderSchedule.signUpReminderDue(start, start.minus(Duration.ofMinutes(20)),
				start.minus(Duration.ofMinutes(10))))
			.as("signed up after the hour-before reminder's time")
			.isEmpty();
	}

}
