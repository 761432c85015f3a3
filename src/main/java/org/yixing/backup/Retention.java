package org.yixing.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yixing.shared.ApplicationClock;
import org.yixing.shared.StartRefused;

/**
 * Which base backups are kept (RULES §15, {@code YIXING_BACKUP_RETENTION}, default
 * {@code 7d,4w}): the newest of each of the last 7 days that have one, and the newest of
 * each of the last 4 weeks (Asia/Shanghai). The others go, and so does the archived log
 * older than the oldest base backup kept, which no restore can use any more.
 */
record Retention(int days, int weeks) {

	private static final Pattern RULE = Pattern.compile("\\s*(\\d+)d\\s*,\\s*(\\d+)w\\s*");

	static Retention parse(String rule) {
		Matcher matcher = RULE.matcher(rule);
		if (!matcher.matches()
				|| (Integer.parseInt(matcher.group(1)) == 0 && Integer.parseInt(matcher.group(2)) == 0)) {
			throw new StartRefused(
					"YIXING_BACKUP_RETENTION must read like 7d,4w (daily and weekly backups to "
							+ "keep, not both 0); it is '" + rule + "'",
					"Correct it, or unset it to keep 7 daily and 4 weekly backups.");
		}
		return new Retention(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
	}

	/** The ids kept of these backups (oldest first), by the rule. */
	Set<String> kept(List<BackupFolder.Manifest> backups) {
		List<BackupFolder.Manifest> newestFirst = new ArrayList<>(backups);
		java.util.Collections.reverse(newestFirst);
		Set<String> kept = new LinkedHashSet<>();
		Set<LocalDate> days = new LinkedHashSet<>();
		Set<String> weeks = new LinkedHashSet<>();
		for (BackupFolder.Manifest backup : newestFirst) {
			LocalDate day = Instant.parse(backup.stoppedAt()).atZone(ApplicationClock.ZONE).toLocalDate();
			String week = day.get(IsoFields.WEEK_BASED_YEAR) + "-" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
			if (days.size() < this.days && days.add(day)) {
				kept.add(backup.id());
			}
			if (weeks.size() < this.weeks && weeks.add(week)) {
				kept.add(backup.id());
			}
		}
		return kept;
	}

	/**
	 * Deletes the backups the rule drops and the log older than the oldest kept; returns
	 * the ids deleted.
	 */
	List<String> apply(BackupFolder folder) throws IOException {
		List<BackupFolder.Manifest> all = folder.manifests();
		Set<String> kept = kept(all);
		List<String> dropped = new ArrayList<>();
		for (BackupFolder.Manifest backup : all) {
			if (!kept.contains(backup.id())) {
				org.springframework.util.FileSystemUtils.deleteRecursively(folder.base(backup.id()));
				dropped.add(backup.id());
			}
		}
		String oldest = all.stream()
			.filter((b) -> kept.contains(b.id()))
			.map(BackupFolder.Manifest::walStart)
			.findFirst()
			.orElse(null);
		if (oldest != null && Files.isDirectory(folder.wal())) {
			try (Stream<Path> wal = Files.list(folder.wal())) {
				for (Path segment : wal.toList()) {
					String name = segment.getFileName().toString();
					if (name.length() >= 24 && name.substring(0, 24).matches("[0-9A-F]{24}")
							&& name.substring(8, 24).compareTo(oldest.substring(8, 24)) < 0) {
						Files.deleteIfExists(segment);
					}
				}
			}
		}
		return dropped;
	}

}
