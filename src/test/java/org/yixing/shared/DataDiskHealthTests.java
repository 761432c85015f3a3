package org.yixing.shared;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health endpoint warns before the data folder's disk is full, where every write
 * would be refused, and the log says so once.
 */
class DataDiskHealthTests {

	@TempDir
	Path data;

	@Test
	void aDiskWithRoomIsUpAndSaysWhereAndHowMuch() {
		Health health = new DataDiskHealth(this.data, 1).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("path", this.data.toAbsolutePath().toString())
			.containsKey("free")
			.containsEntry("warnBelow", 1L);
		assertThat((Long) health.getDetails().get("free")).isPositive();
	}

	@Test
	void belowTheLineItWarnsAndBelowASixteenthOfItItIsDown() {
		long free = new DataDiskHealth(this.data, 1).free();
		assertThat(new DataDiskHealth(this.data, free * 2).health().getStatus()).isEqualTo(WarningStatus.WARNING);
		assertThat(new DataDiskHealth(this.data, free * 32).health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void crossingTheLineIsLoggedOnce(CapturedOutput output) {
		DataDiskHealth disk = new DataDiskHealth(this.data, Long.MAX_VALUE);
		disk.check();
		disk.check();
		assertThat(output.getOut().split("has .* MB free, less than", -1)).hasSize(2);
	}

}
