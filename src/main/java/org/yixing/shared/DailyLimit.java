package org.yixing.shared;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A number of things allowed per Beijing day (活动通知, 组织公告): the day by the application
 * clock, and the refusal past the limit ({@code TOO_MANY_REQUESTS}, its
 * {@code explanation} naming the limit).
 *
 * @param start the day's first instant, Asia/Shanghai
 * @param end the next day's first instant
 */
public record DailyLimit(Instant start, Instant end) {

	/** Today, Beijing time. */
	public static DailyLimit today(Clock clock) {
		return new DailyLimit(ApplicationClock.today(clock).atStartOfDay(ApplicationClock.ZONE).toInstant(),
				ApplicationClock.today(clock).plusDays(1).atStartOfDay(ApplicationClock.ZONE).toInstant());
	}

	/** {@code used} of today's {@code max} taken already: one more is refused. */
	public static void require(long used, int max, String explanationKey) {
		if (used >= max) {
			throw new DomainException(ErrorCode.TOO_MANY_REQUESTS).with("explanation",
					new DefaultMessageSourceResolvable(new String[] { explanationKey }, new Object[] { max },
							explanationKey));
		}
	}

}
