package org.yixing.shared;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class IdleFootprintTests {

	private final HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

	@Test
	void anIdleG1HeapIsCollectedAndShrunkUnlessTheOperatorChoseOtherwise() {
		assumeThat(this.hotspot.getVMOption("UseG1GC").getValue()).isEqualTo("true");
		IdleFootprint.apply();
		for (var setting : IdleFootprint.SETTINGS.entrySet()) {
			VMOption option = this.hotspot.getVMOption(setting.getKey());
			if (option.getOrigin() != VMOption.Origin.VM_CREATION) {
				assertThat(option.getValue()).as(setting.getKey()).isEqualTo(setting.getValue());
			}
		}
		// what is no longer the JVM's default is left alone: a second start changes
		// nothing, and neither would an operator's -XX option
		assertThat(IdleFootprint.apply()).isEmpty();
	}

	@Test
	void freedNativeMemoryGoesBackToTheSystemOnLinuxWithGlibc() {
		assumeThat(System.getProperty("os.name")).startsWith("Linux");
		assumeThat(Runtime.version().feature()).isGreaterThanOrEqualTo(22);
		// malloc_trim answers 1 when it released memory; right after a test JVM's start
		// there is always some freed memory to give back
		assertThat(IdleFootprint.releaseFreedNativeMemory()).isTrue();
	}

}
