package org.yixing.backup;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yixing.shared.PassphraseSeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RULES §15: which base backups are kept, and the PII key sealed under a passphrase. */
class RetentionTests {

	static BackupFolder.Manifest at(Instant stopped) {
		return new BackupFolder.Manifest(stopped.toString(), "BASE", stopped.toString(), stopped.toString(),
				"000000010000000000000001", Map.of(), List.of(), 0, false, Map.of(), Map.of());
	}

	@Test
	void sevenDailyAndFourWeeklyAreKeptTheNewestOfEach() {
		// Two backups a day (03:00 and an on-demand one at 15:00 Beijing) for 40 days.
		Instant first = Instant.parse("2026-10-01T19:00:00Z");
		List<BackupFolder.Manifest> all = new ArrayList<>();
		for (int day = 0; day < 40; day++) {
			all.add(at(first.plus(day, ChronoUnit.DAYS)));
			all.add(at(first.plus(day, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS)));
		}
		Set<String> kept = Retention.parse("7d,4w").kept(all);
		// The last 7 days' afternoon backups, and the newest of the 4 newest weeks (3 of
		// which fall among those days).
		List<String> newest = all.subList(all.size() - 14, all.size())
			.stream()
			.filter((m) -> m.stoppedAt().endsWith("07:00:00Z"))
			.map(BackupFolder.Manifest::id)
			.toList();
		assertThat(kept).containsAll(newest).hasSizeBetween(8, 11);
		assertThat(kept).allSatisfy((id) -> assertThat(id).endsWith("07:00:00Z"));
		assertThat(Retention.parse("1d,0w").kept(all)).containsExactly(all.getLast().id());
		assertThatThrownBy(() -> Retention.parse("weekly")).hasMessageContaining("YIXING_BACKUP_RETENTION");
		assertThatThrownBy(() -> Retention.parse("0d,0w")).hasMessageContaining("7d,4w");
	}

	@Test
	void theKeyOpensOnlyWithItsPassphrase() {
		byte[] key = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		String sealed = PassphraseSeal.seal(key, "correct horse");
		assertThat(sealed).startsWith("yixing-key-v1:").doesNotContain("0123456789abcdef");
		assertThat(PassphraseSeal.open(sealed, "correct horse")).isEqualTo(key);
		assertThatThrownBy(() -> PassphraseSeal.open(sealed, "wrong horse"))
			.isInstanceOf(PassphraseSeal.WrongPassphrase.class);
	}

}
