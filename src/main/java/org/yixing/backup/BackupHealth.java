package org.yixing.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.yixing.shared.RecentReading;
import org.yixing.shared.WarningStatus;

/**
 * What staff must hear of backups (RULES §15): no base backup in 26 h, the last one
 * failed or unverified, the log's archiving failing or more than 5 minutes behind. The
 * health endpoint reports it as {@code WARNING}; readiness stays UP, since serving
 * matters more than a missed backup.
 */
@Component("backupsHealthIndicator")
class BackupHealth implements HealthIndicator, MeterBinder {

	/**
	 * Why staff are warned; the console words each ({@code console.warning.backups.*}).
	 */
	enum Warning {

		NO_RECENT_BACKUP, LAST_BACKUP_FAILED, ARCHIVING_FAILING, ARCHIVING_BEHIND, ARCHIVING_UNKNOWN

	}

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

	/**
	 * With backups on: {@code yixing_warning{check="backups", cause=…}} for each
	 * {@link Warning}, and {@code yixing_backup_last_verified_timestamp_seconds}, when
	 * the newest verified base backup ended (absent while there is none).
	 */
	@Override
	public void bindTo(MeterRegistry meters) {
		if (!this.backups.on()) {
			return;
		}
		RecentReading<Reading> reading = new RecentReading<>(Duration.ofSeconds(1), () -> {
			List<Backups.Row> rows = this.backups.list();
			Backups.Row verified = lastVerified(rows);
			double ended = Double.NaN;
			if (verified != null) {
				Instant end = (verified.finishedAt() != null) ? verified.finishedAt() : verified.startedAt();
				ended = end.toEpochMilli() / 1000.0;
			}
			return new Reading(warnings(rows), ended);
		}, new Reading(List.of(Warning.ARCHIVING_UNKNOWN.name()), Double.NaN));
		for (Warning warning : Warning.values()) {
			WarningStatus.gauge(meters, "backups", warning.name(),
					() -> reading.get().warnings().contains(warning.name()));
		}
		Gauge.builder("yixing.backup.last.verified.timestamp", reading, (r) -> r.get().lastVerifiedEnd())
			.baseUnit("seconds")
			.description("When the newest verified base backup ended (Unix time)")
			.strongReference(true)
			.register(meters);
	}

	/** One scrape's reading: the warnings, and when the newest verified backup ended. */
	private record Reading(List<String> warnings, double lastVerifiedEnd) {
	}

	private static Backups.@Nullable Row lastVerified(List<Backups.Row> rows) {
		return rows.stream().filter((r) -> r.status() == BackupStatus.VERIFIED).findFirst().orElse(null);
	}

	/** The warnings of the moment ({@link Warning}'s names); empty when all is well. */
	List<String> warnings() {
		return this.backups.on() ? warnings(this.backups.list()) : new ArrayList<>();
	}

	private List<String> warnings(List<Backups.Row> rows) {
		List<String> warnings = new ArrayList<>();
		Instant now = Instant.now();
		Backups.Row last = rows.stream().filter((r) -> r.status() != BackupStatus.RUNNING).findFirst().orElse(null);
		Backups.Row lastVerified = lastVerified(rows);
		if (lastVerified == null || lastVerified.startedAt().isBefore(now.minus(STALE_BACKUP))) {
			warnings.add(Warning.NO_RECENT_BACKUP.name());
		}
		if (last != null && last.status() == BackupStatus.FAILED) {
			warnings.add(Warning.LAST_BACKUP_FAILED.name());
		}
		try {
			Backups.Archiving archiving = this.backups.archiving();
			if (archiving.failedAt() != null
					&& (archiving.archivedUntil() == null || archiving.failedAt().isAfter(archiving.archivedUntil()))) {
				warnings.add(Warning.ARCHIVING_FAILING.name());
			}
			if (archiving.waiting() > 0 && (archiving.archivedUntil() == null
					|| archiving.archivedUntil().isBefore(now.minus(ARCHIVING_BEHIND)))) {
				warnings.add(Warning.ARCHIVING_BEHIND.name());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the archiver's state", ex);
			warnings.add(Warning.ARCHIVING_UNKNOWN.name());
		}
		return warnings;
	}

}
