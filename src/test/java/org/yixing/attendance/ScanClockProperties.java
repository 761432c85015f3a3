package org.yixing.attendance;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * RULES §12: a scan is judged at the time it really happened, whatever the scanning
 * phone's clock says, by the offset measured at upload.
 */
class ScanClockProperties {

	static final Instant BASE = Instant.parse("2026-12-01T02:00:00Z");

	@Test
	void aScanIsJudgedAtTheTimeItHappenedWhateverThePhonesClock() {
		qt().withExamples(5000)
			.forAll(longs().between(-86_400_000L, 86_400_000L), longs().between(0, 72 * 3_600_000L),
					longs().between(0, 3_600_000L))
			.checkAssert((skewMs, scannedAgoMs, uploadedAfterMs) -> {
				Instant reallyScanned = BASE.plusMillis(scannedAgoMs);
				Instant uploaded = reallyScanned.plusMillis(uploadedAfterMs);
				// The phone's clock is off by `skew` at both moments.
				Duration offset = ScanClock.offset(uploaded, uploaded.plusMillis(skewMs));
				assertThat(ScanClock.corrected(reallyScanned.plusMillis(skewMs), offset)).isEqualTo(reallyScanned);
			});
	}

}
