package org.yixing.backup;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.PlatformSettings;
import org.yixing.shared.web.PageController;

/**
 * 备份 in the console, for platform staff (RULES §15): the base backups with their status,
 * size and duration, how far the log is archived, 立即备份, and a red banner when the last
 * backup is old, failed or unverified or archiving is behind.
 */
@PageController
class BackupConsole {

	private final Backups backups;

	private final BackupHealth health;

	private final PlatformSettings settings;

	BackupConsole(Backups backups, BackupHealth health, PlatformSettings settings) {
		this.backups = backups;
		this.health = health;
		this.settings = settings;
	}

	@GetMapping("/admin/backups")
	String page(AuthenticatedAccount me, Model model) {
		me.requireStaff();
		boolean on = this.backups.on();
		model.addAttribute("enabled", on);
		model.addAttribute("external", this.settings.db().external());
		if (on) {
			model.addAttribute("backups", this.backups.list());
			model.addAttribute("walArchivedUntil", this.backups.archiving().archivedUntil());
			model.addAttribute("warnings", this.health.warnings());
			model.addAttribute("dir", this.settings.backup().dir().toAbsolutePath().normalize().toString());
			model.addAttribute("includesKey", this.settings.backup().hasPassphrase());
			model.addAttribute("keyFile",
					(this.settings.piiKey() != null && !this.settings.piiKey().isBlank()) ? "YIXING_PII_KEY"
							: this.settings.dataDir().toAbsolutePath().normalize().resolve("pii.key").toString());
		}
		return "backup/console/backups";
	}

	@PostMapping("/admin/backups")
	String now(AuthenticatedAccount me) {
		me.requireStaff();
		return "redirect:/admin/backups?started=" + this.backups.startNow(me.id().value());
	}

}
