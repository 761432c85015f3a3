package org.yixing.attendance;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RULES §6: void at the check-out deadline, or at 00:00 Asia/Shanghai, whichever is
 * first.
 */
class SessionExpiryTests {

	@Test
	void aSessionEndsAtItsDeadlineWhenThatComesBeforeMidnight() {
		Instant in = at("2026-11-25T10:05:00+08:00");
		Instant deadline = at("2026-11-25T12:30:00+08:00");
		SessionExpiry expiry = SessionExpiry.of(in, deadline);
		assertThat(expiry.reason()).isEqualTo(SessionExpiry.Reason.DEADLINE);
		assertThat(expiry.at()).as("the deadline itself still allows check-out").isAfter(deadline);
		assertThat(expiry.at()).isBefore(deadline.plusMillis(1));
	}

	@Test
	void aSessionEndsAtShanghaiMidnightWhenThatComesFirst() {
		Instant in = at("2026-11-25T23:30:00+08:00");
		assertThat(SessionExpiry.of(in, at("2026-11-26T02:30:00+08:00")))
			.isEqualTo(new SessionExpiry(at("2026-11-26T00:00:00+08:00"), SessionExpiry.Reason.MIDNIGHT));
	}

	@Test
	void midnightIsShanghaisNotUtcs() {
		// 07:00 in Shanghai is 23:00 UTC the day before: the next midnight is 17 hours
		// away.
		Instant in = at("2026-11-25T07:00:00+08:00");
		assertThat(SessionExpiry.of(in, at("2026-11-27T00:00:00+08:00")).at())
			.isEqualTo(at("2026-11-26T00:00:00+08:00"));
	}

	private static Instant at(String time) {
		return OffsetDateTime.parse(time).toInstant();
	}

}
