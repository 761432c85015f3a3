package org.yixing.backup;

import java.time.LocalDate;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.yixing.shared.ApplicationClock;

/**
 * The daily base backup at 03:00 Asia/Shanghai, taken once whatever the number of nodes.
 */
@Component
class BackupJob {

	private final Backups backups;

	BackupJob(Backups backups) {
		this.backups = backups;
	}

	@Scheduled(cron = "${yixing.backup.schedule:0 0 3 * * *}", zone = "Asia/Shanghai")
	void daily() {
		this.backups.scheduled(LocalDate.now(ApplicationClock.ZONE));
	}

}
