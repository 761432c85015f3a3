package org.yixing.attendance;

import java.time.Duration;
import java.time.Instant;

/**
 * A scanning phone's clock (RULES §12): its offset from the application clock is measured
 * when it uploads (the application's time minus the time the phone reports then), and
 * every scan's time is corrected by it. A phone five minutes slow uploads scans five
 * minutes early; they are judged at the time they really happened.
 */
final class ScanClock {

	private ScanClock() {
	}

	static Duration offset(Instant applicationNow, Instant deviceNow) {
		return Duration.between(deviceNow, applicationNow);
	}

	static Instant corrected(Instant scannedAt, Duration offset) {
		return scannedAt.plus(offset);
	}

}
