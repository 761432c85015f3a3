package org.yixing.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The one clock of the application (RULES §11): Asia/Shanghai, real time by default, and
 * fixable at an instant by the dev tools so that every rule, job and timestamp moves
 * together.
 */
public final class ApplicationClock extends Clock {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final Clock system;

	private final AtomicReference<@Nullable Instant> fixed = new AtomicReference<>();

	public ApplicationClock(Clock system) {
		this.system = system;
	}

	public static ApplicationClock system() {
		return new ApplicationClock(Clock.system(ZONE));
	}

	/** The Asia/Shanghai calendar day of {@code clock}'s current instant (RULES §11). */
	public static LocalDate today(Clock clock) {
		return LocalDate.ofInstant(clock.instant(), ZONE);
	}

	/** An instant as Asia/Shanghai date-time with its offset, as the API shows times. */
	public static OffsetDateTime local(Instant instant) {
		return instant.atZone(ZONE).toOffsetDateTime();
	}

	public void fixAt(Instant instant) {
		this.fixed.set(instant);
	}

	public void release() {
		this.fixed.set(null);
	}

	public boolean isFixed() {
		return this.fixed.get() != null;
	}

	@Override
	public ZoneId getZone() {
		return ZONE;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(instant(), zone);
	}

	@Override
	public Instant instant() {
		Instant at = this.fixed.get();
		return (at != null) ? at : this.system.instant();
	}

}
