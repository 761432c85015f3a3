package org.yixing.shared;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

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
		// other tests' application contexts in this JVM switch the ratios too: hold them
		// off
		synchronized (IdleFootprint.class) {
			IdleFootprint.apply();
			IdleFootprint.idle();
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
	}

	@Test
	void aServerAtWorkGetsTheJvmsOwnFreeRatiosAndAnIdleOneTheTightOnesAgain() {
		assumeThat(this.hotspot.getVMOption("UseG1GC").getValue()).isEqualTo("true");
		assumeThat(this.hotspot.getVMOption(IdleFootprint.MIN_FREE).getOrigin())
			.isNotEqualTo(VMOption.Origin.VM_CREATION);
		assumeThat(this.hotspot.getVMOption(IdleFootprint.MAX_FREE).getOrigin())
			.isNotEqualTo(VMOption.Origin.VM_CREATION);
		synchronized (IdleFootprint.class) {
			IdleFootprint.apply();
			IdleFootprint.atWork();
			assertThat(this.hotspot.getVMOption(IdleFootprint.MIN_FREE).getValue()).isEqualTo("40");
			assertThat(this.hotspot.getVMOption(IdleFootprint.MAX_FREE).getValue()).isEqualTo("70");
			IdleFootprint.idle();
			assertThat(this.hotspot.getVMOption(IdleFootprint.MIN_FREE).getValue()).isEqualTo("10");
			assertThat(this.hotspot.getVMOption(IdleFootprint.MAX_FREE).getValue()).isEqualTo("30");
		}
	}

	@Test
	void twoYoungCollectionsInEachOfTwoChecksAreWorkAndThirtyQuietSecondsAreIdle() {
		AtomicLong collections = new AtomicLong(100);
		HeapAtWork heap = new HeapAtWork(collections::get);
		assertThat(heap.atWork()).isFalse();
		// one burst (the face models loading after start) is not work yet
		collections.addAndGet(HeapAtWork.BUSY_COLLECTIONS);
		assertThat(heap.atWork()).isFalse();
		assertThat(heap.idle()).isFalse();
		collections.addAndGet(HeapAtWork.BUSY_COLLECTIONS);
		assertThat(heap.atWork()).isTrue();
		// G1's periodic collection of an idle heap: at most one in 10 s
		for (int check = 1; check <= HeapAtWork.QUIET_CHECKS; check++) {
			collections.addAndGet(check % 2);
			assertThat(heap.atWork()).isFalse();
			assertThat(heap.idle()).isEqualTo(check == HeapAtWork.QUIET_CHECKS);
		}
		collections.addAndGet(5);
		assertThat(heap.atWork()).isFalse();
		collections.addAndGet(5);
		assertThat(heap.atWork()).isTrue();
		assertThat(heap.idle()).isFalse();
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
