package org.yixing.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.yixing.shared.WarningStatus;

/**
 * What staff must hear of backups (RULES §15): no base backup in 26 h, the last one
 * failed or unverified, the log's archiving failing or more than 5 minutes behind. The
 * health endpoint reports it as {@code WARNING}; readiness stays UP, since serving
 * matters more than a missed backup.
 */
@Component("backupsHealthIndicator")
class BackupHealth implements HealthIndicator {

	static final Duration STALE_BACKUP = Duration.ofHours(26);

	static final Duration ARCHIVING_BEHIND = Duration.ofMinutes(5);

	private static final Logger log = LoggerFactory.getLogger(BackupHealth.class);

	private final Backups backups;

	BackupHealth(Backups backups) {
		this.backups = backups;
	}

	@Override
	public Health health() {
		if (!this.backups.on()) {
			return Health.unknown().withDetail("backups", "off").build();
		}
		List<String> warnings = warnings();
		return warnings.isEmpty() ? Health.up().build()
				: Health.status(WarningStatus.WARNING).withDetail("warnings", warnings).build();
	}

	/** The warnings of the moment; empty when all is well. */
	List<String> warnings() {
		List<String> warnings = new ArrayList<>();
		if (!this.backups.on()) {
			return warnings;
		}
		Instant now = Instant.now();
		List<Backups.Row> rows = this.backups.list();
		Backups.Row last = rows.stream().filter((r) -> r.status() != BackupStatus.RUNNING).findFirst().orElse(null);
		Backups.Row lastVerified = rows.stream()
			.filter((r) -> r.status() == BackupStatus.VERIFIED)
			.findFirst()
			.orElse(null);
		if (lastVerified == null || lastVerified.startedAt().isBefore(now.minus(STALE_BACKUP))) {
			warnings.add("NO_RECENT_BACKUP");
		}
		if (last != null && last.status() == BackupStatus.FAILED) {
			warnings.add("LAST_BACKUP_FAILED");
		}
		try {
			Backups.Archiving archiving = this.backups.archiving();
			if (archiving.failedAt() != null
					&& (archiving.archivedUntil() == null || archiving.failedAt().isAfter(archiving.archivedUntil()))) {
				warnings.add("ARCHIVING_FAILING");
			}
			if (archiving.waiting() > 0 && (archiving.archivedUntil() == null
					|| archiving.archivedUntil().isBefore(now.minus(ARCHIVING_BEHIND)))) {
				warnings.add("ARCHIVING_BEHIND");
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the archiver's state", ex);
			warnings.add("ARCHIVING_UNKNOWN");
		}
		return warnings;
	}

}
