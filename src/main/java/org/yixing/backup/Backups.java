package org.yixing.backup;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.PlatformSettings;

/**
 * Runs base backups one at a time across every node (a partial unique index admits one
 * RUNNING row; the day's scheduled backup is claimed by its date), records what staff
 * see, and after each backup its verification and the retention rule (RULES §15).
 */
@Service
class Backups {

	private static final Logger log = LoggerFactory.getLogger(Backups.class);

	/** A RUNNING backup older than this was interrupted (the node stopped). */
	static final Duration STALE = Duration.ofHours(6);

	private final PlatformSettings settings;

	private final BaseBackups base;

	private final BackupVerification verification;

	private final JdbcClient jdbc;

	private final ExecutorService worker = Executors.newSingleThreadExecutor((r) -> {
		Thread thread = new Thread(r, "yixing-backup");
		thread.setDaemon(true);
		return thread;
	});

	Backups(PlatformSettings settings, BaseBackups base, BackupVerification verification, JdbcClient jdbc) {
		this.settings = settings;
		this.base = base;
		this.verification = verification;
		this.jdbc = jdbc;
	}

	boolean on() {
		return this.settings.backup().on(this.settings.db());
	}

	/**
	 * Starts a base backup now, or answers the one already running; the work goes on in
	 * the background.
	 */
	String startNow(@Nullable UUID requestedBy) {
		if (!on()) {
			throw new DomainException(ErrorCode.BACKUPS_OFF);
		}
		String id = this.base.newId();
		if (!claim(id, "ON_DEMAND", null, requestedBy)) {
			return running().orElse(id);
		}
		this.worker.submit(() -> run(id));
		return id;
	}

	/** The day's scheduled backup, on the node that claims the date first. */
	void scheduled(LocalDate day) {
		if (!on()) {
			return;
		}
		String id = this.base.newId();
		if (claim(id, "SCHEDULED", day, null)) {
			run(id);
		}
	}

	private boolean claim(String id, String trigger, @Nullable LocalDate day, @Nullable UUID requestedBy) {
		Instant now = Instant.now();
		this.jdbc
			.sql("UPDATE backups SET status = 'FAILED', problem = 'interrupted', finished_at = ?"
					+ " WHERE status = 'RUNNING' AND started_at < ?")
			.params(Timestamp.from(now), Timestamp.from(now.minus(STALE)))
			.update();
		try {
			return this.jdbc.sql("""
					INSERT INTO backups (id, kind, trigger, scheduled_for, requested_by, started_at, status)
					VALUES (?, 'BASE', ?, ?, ?, ?, 'RUNNING') ON CONFLICT (scheduled_for) DO NOTHING""")
				.params(id, trigger, (day != null) ? java.sql.Date.valueOf(day) : null, requestedBy,
						Timestamp.from(now))
				.update() == 1;
		}
		catch (DuplicateKeyException running) {
			return false;
		}
	}

	private Optional<String> running() {
		return this.jdbc.sql("SELECT id FROM backups WHERE status = 'RUNNING'").query(String.class).optional();
	}

	/** Takes, verifies and records one backup, then applies the retention rule. */
	void run(String id) {
		long started = System.nanoTime();
		try {
			BackupFolder.Manifest manifest = this.base.take(id, "BASE");
			BackupFolder folder = this.base.folder();
			BackupFolder.Verified verified = this.verification.verify(folder, manifest);
			folder.write(folder.base(id).resolve("verified.json"), verified);
			finish(id, verified.status(), manifest.sizeBytes(), manifest.includesKey(), verified.problem());
			if (verified.status() == BackupStatus.VERIFIED) {
				log.info("Base backup {} verified in {} s: {} bytes, {}", id,
						(System.nanoTime() - started) / 1_000_000_000, manifest.sizeBytes(), verified.rows());
				List<String> dropped = Retention.parse(this.settings.backup().retention()).apply(folder);
				if (!dropped.isEmpty()) {
					this.jdbc.sql("DELETE FROM backups WHERE id = ANY (?)")
						.param(dropped.toArray(String[]::new))
						.update();
					log.info("Retention removed base backups {}", dropped);
				}
			}
			else {
				log.error("Base backup {} FAILED its verification: {}", id, verified.problem());
			}
		}
		catch (Exception ex) {
			log.error("Base backup {} FAILED: {}", id, ex.getMessage(), ex);
			finish(id, BackupStatus.FAILED, null, false, String.valueOf(ex.getMessage()));
		}
	}

	private void finish(String id, BackupStatus status, @Nullable Long size, boolean includesKey,
			@Nullable String problem) {
		this.jdbc.sql("""
				UPDATE backups SET status = ?, finished_at = ?, size_bytes = ?, includes_key = ?, problem = ?
				WHERE id = ?""")
			.params(status.name(), Timestamp.from(Instant.now()), size, includesKey, problem, id)
			.update();
	}

	/**
	 * After a restore or a crash, a RUNNING row tells the truth only when the backup
	 * folder agrees: a restored database holds the row of the backup it came from.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void reconcile() {
		if (!on()) {
			return;
		}
		BackupFolder folder = this.base.folder();
		for (String id : this.jdbc.sql("SELECT id FROM backups WHERE status = 'RUNNING'").query(String.class).list()) {
			java.nio.file.Path verified = folder.base(id).resolve("verified.json");
			if (java.nio.file.Files.isRegularFile(verified)) {
				BackupFolder.Verified result = BackupFolder.JSON.readValue(verified.toFile(),
						BackupFolder.Verified.class);
				finish(id, result.status(), null, false, result.problem());
			}
			else {
				// Built-in backups need the embedded database, so one node: nothing else
				// runs it.
				finish(id, BackupStatus.FAILED, null, false, "interrupted");
			}
		}
	}

	/** The backups as staff see them, newest first. */
	List<Row> list() {
		return this.jdbc.sql("""
				SELECT id, kind, trigger, started_at, finished_at, size_bytes, status, includes_key, problem
				FROM backups ORDER BY started_at DESC LIMIT 100""")
			.query((rs, n) -> new Row(rs.getString("id"), rs.getString("kind"), rs.getString("trigger"),
					rs.getTimestamp("started_at").toInstant(),
					(rs.getTimestamp("finished_at") != null) ? rs.getTimestamp("finished_at").toInstant() : null,
					(Long) rs.getObject("size_bytes"), BackupStatus.valueOf(rs.getString("status")),
					rs.getBoolean("includes_key"), rs.getString("problem")))
			.list();
	}

	/** Where continuous archiving stands, from PostgreSQL's own statistics. */
	Archiving archiving() {
		return this.jdbc.sql("""
				SELECT last_archived_time, last_failed_time, last_failed_wal, failed_count,
				  (SELECT count(*) FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready') AS waiting
				FROM pg_stat_archiver""").query((rs, n) -> {
			java.sql.Timestamp archived = rs.getTimestamp("last_archived_time");
			java.sql.Timestamp failed = rs.getTimestamp("last_failed_time");
			return new Archiving((archived != null) ? archived.toInstant() : null,
					(failed != null) ? failed.toInstant() : null, rs.getString("last_failed_wal"),
					rs.getLong("waiting"));
		}).single();
	}

	record Row(String id, String kind, String trigger, Instant startedAt, @Nullable Instant finishedAt,
			@Nullable Long sizeBytes, BackupStatus status, boolean includesKey, @Nullable String problem) {
	}

	/**
	 * @param archivedUntil when the last segment was archived
	 * @param failedAt when archiving last failed, if it did
	 * @param waiting segments finished but not yet archived
	 */
	record Archiving(@Nullable Instant archivedUntil, @Nullable Instant failedAt, @Nullable String failedSegment,
			long waiting) {
	}

}
