package org.yixing.backup;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.identity.StaffOnly;
import org.yixing.shared.ApplicationClock;

/** Built-in backups for platform staff (docs/OPERATIONS.md). */
@RestController
@RequestMapping("/api/v1")
class BackupController {

	private final Backups backups;

	private final BackupHealth health;

	BackupController(Backups backups, BackupHealth health) {
		this.backups = backups;
		this.health = health;
	}

	/**
	 * A base backup now (the daily one runs at 03:00); answers at once with its id, or
	 * the id of the one already running. 409 {@code BACKUPS_OFF} when built-in backups
	 * are off.
	 */
	@StaffOnly
	@PostMapping("/admin/backups")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Started start(AuthenticatedAccount caller) {
		return new Started(this.backups.startNow(caller.id().value()));
	}

	/**
	 * The base backups, newest first, with where continuous archiving stands and what
	 * staff should worry about ({@code warnings}).
	 */
	@StaffOnly
	@GetMapping("/admin/backups")
	Overview list(AuthenticatedAccount caller) {
		if (!this.backups.on()) {
			return new Overview(false, List.of(), null, List.of("OFF"));
		}
		List<Backup> rows = this.backups.list()
			.stream()
			.map((r) -> new Backup(r.id(), r.kind(), r.trigger(), ApplicationClock.local(r.startedAt()),
					(r.finishedAt() != null) ? ApplicationClock.local(r.finishedAt()) : null, r.sizeBytes(), r.status(),
					r.includesKey(), r.problem()))
			.toList();
		Backups.Archiving archiving = this.backups.archiving();
		return new Overview(true, rows,
				(archiving.archivedUntil() != null) ? ApplicationClock.local(archiving.archivedUntil()) : null,
				this.health.warnings());
	}

	record Started(String id) {
	}

	/**
	 * @param enabled whether built-in backups run (a backup folder and the embedded
	 * database)
	 * @param walArchivedUntil when the last write-ahead log segment was archived
	 * @param warnings NO_RECENT_BACKUP, LAST_BACKUP_FAILED, ARCHIVING_FAILING,
	 * ARCHIVING_BEHIND, ARCHIVING_UNKNOWN (empty when all is well)
	 */
	record Overview(boolean enabled, List<Backup> backups, @Nullable OffsetDateTime walArchivedUntil,
			List<String> warnings) {
	}

	/**
	 * @param status RUNNING, VERIFIED or FAILED
	 * @param includesKey whether the PII key is in it, sealed under the passphrase
	 */
	record Backup(String id, String kind, String trigger, OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt,
			@Nullable Long sizeBytes, BackupStatus status, boolean includesKey, @Nullable String problem) {
	}

}
