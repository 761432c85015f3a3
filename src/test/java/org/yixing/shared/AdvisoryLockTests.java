package org.yixing.shared;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** No two parts of the application take an advisory lock under the same key. */
class AdvisoryLockTests {

	@Test
	void everyLockHasAKeyOfItsOwn() {
		assertThat(Arrays.stream(AdvisoryLock.values()).map(AdvisoryLock::key)).doesNotHaveDuplicates();
	}

	@Test
	void everyKeyBeginsWithTheApplicationsName() {
		for (AdvisoryLock lock : AdvisoryLock.values()) {
			assertThat(lock.key() & ~0xffffL).as(lock.name()).isEqualTo(AdvisoryLock.PREFIX);
			assertThat(lock.key() & 0xffffL).as(lock.name()).isPositive();
		}
		// keys kept from before they were listed here, which nodes of the earlier version
		// still take during a rolling upgrade
		assertThat(AdvisoryLock.ORGANIZATION_TREE.key()).isEqualTo(0x79697869_6e67_0001L);
		assertThat(AdvisoryLock.REMINDER_RETENTION.key()).isEqualTo(0x79697869_6e67_001bL);
	}

}
