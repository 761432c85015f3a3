package org.yixing.shared;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console lists what warns now, each once, the worse of a check's causes alone. */
class ServerWarningsTests {

	@Test
	void onlyTheChecksThatWarnNowAreListedAndANearlyFullDiskIsNotAlsoLow() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		AtomicBoolean low = new AtomicBoolean();
		AtomicBoolean nearlyFull = new AtomicBoolean();
		AtomicBoolean apart = new AtomicBoolean();
		WarningStatus.gauge(meters, "data_disk", "LOW", low::get);
		WarningStatus.gauge(meters, "data_disk", "NEARLY_FULL", nearlyFull::get);
		WarningStatus.gauge(meters, "clock", "APART", apart::get);
		ServerWarnings warnings = new ServerWarnings(meters);
		assertThat(warnings.now()).isEmpty();
		low.set(true);
		apart.set(true);
		assertThat(warnings.now()).containsExactly(new ServerWarnings.Warning("clock", "APART"),
				new ServerWarnings.Warning("data_disk", "LOW"));
		nearlyFull.set(true);
		assertThat(warnings.now()).containsExactly(new ServerWarnings.Warning("clock", "APART"),
				new ServerWarnings.Warning("data_disk", "NEARLY_FULL"));
		assertThat(warnings.now().get(1).messageKey()).isEqualTo("console.warning.data_disk.NEARLY_FULL");
	}

}
