package org.yixing.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.FileSystemUtils;
import org.yixing.shared.db.PostgresBinaries;
import org.yixing.test.Api;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.PostgresProcesses;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The restore drill of RULES §15, on a Yixing of its own: data with sessions, credit
 * hours, an evidence file and sealed ID numbers; a base backup; more check-ins; the log
 * archived; the whole data folder deleted; a restore into a new folder that starts. What
 * came before the backup is there, and so is everything acknowledged up to the last
 * archived segment; logins work, the sealed data opens, the evidence is identical. Then
 * point-in-time recovery, and the refusals: a wrong passphrase, a folder that holds a
 * database, a damaged backup.
 */
class BackupRestoreDrillTests {

	static final byte[] EVIDENCE = Drill.utf8("%PDF-1.4\n% 备份演练 evidence\n");

	Path root;

	@BeforeEach
	void folders() throws IOException {
		this.root = Files.createDirectories(Path.of("target/backup-drill-" + UUID.randomUUID()).toAbsolutePath());
	}

	@AfterEach
	void cleanUp() throws IOException {
		FileSystemUtils.deleteRecursively(this.root);
	}

	@Test
	void aDeletedDataFolderIsRestoredWithEverythingArchivedAndTheSealedDataOpens() throws Exception {
		Path data = this.root.resolve("data");
		Path backups = this.root.resolve("backups");
		String volunteerPhone;
		String volunteerIdNumber;
		String evidenceId;
		String lateSession;
		String backupId;
		try (Drill drill = Drill.start(data, backups)) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("pii.key"))))
				.as("the generated PII key, its owner's alone")
				.isEqualTo("rw-------");
			Volunteers volunteers = new Volunteers(drill.api);
			Organizations organizations = new Organizations(drill.api);
			Attendance attendance = new Attendance(drill.api);
			String staff = organizations.staffToken();
			String code = drill.activityNow("备份演练协会");
			Volunteers.Registered volunteer = volunteers.register();
			volunteerPhone = volunteer.phone();
			volunteerIdNumber = volunteer.idNumber();
			String phone = Attendance.newDevice();
			String session = attendance.checkIn(volunteer.token(), phone, code).field("sessionId");
			assertThat(attendance.checkOut(volunteer.token(), phone, session).status()).isEqualTo(200);
			evidenceId = drill.api
				.multipart("/evidence", Map.of(), "file", "proof.pdf", EVIDENCE, "application/pdf", volunteer.token())
				.field("id");

			// A verification cut short (the node killed) left a copy of the database in
			// its scratch folder: the next one clears it. Each runs PostgreSQL's binaries
			// from the folder of this user's alone, as the database does.
			Path leftover = Files.createDirectories(data.resolve(BackupVerification.SCRATCH).resolve("postgres/base"))
				.resolve("16384");
			Files.writeString(leftover, "a copy of the database from a verification cut short");
			try (PostgresProcesses servers = PostgresProcesses.watch()) {
				backupId = drill.backUp(staff);
				servers.close();
				Path binaries = PostgresBinaries.folder(data);
				assertThat(servers.seen()).as("the verification's server")
					.anySatisfy((server) -> assertThat(server.dataFolder())
						.startsWith(data.resolve(BackupVerification.SCRATCH).toString()));
				assertThat(servers.seen()).filteredOn((server) -> server.dataFolder().startsWith(this.root.toString()))
					.allSatisfy((server) -> assertThat(server.binary()).startsWith(binaries));
			}
			assertThat(data.resolve(BackupVerification.SCRATCH)).doesNotExist();
			assertThat(PosixFilePermissions
				.toString(Files.getPosixFilePermissions(new BackupFolder(backups).base(backupId))))
				.as("a copy of the database, with its password: its owner's alone")
				.isEqualTo("rwx------");

			// The backup disk fails (here: its log folder replaced by a file): the server
			// keeps serving, archiving keeps trying, staff are warned; then it recovers.
			Path wal = backups.resolve("wal");
			Path aside = backups.resolve("wal.aside");
			Files.move(wal, aside);
			Files.writeString(wal, "not a folder");
			drill.jdbc.sql("SELECT pg_switch_wal()").query().singleRow();
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(60))
				.untilAsserted(
						() -> assertThat(drill.api.get("/admin/backups", staff).text()).contains("ARCHIVING_FAILING"));
			assertThat(drill.api.get("/actuator/health").text()).contains("WARNING");
			assertThat(drill.api.get("/actuator/health/readiness").text()).contains("UP");
			// and for Prometheus, the same verdicts (docs/prometheus/yixing-alerts.yml)
			String metrics = drill.api.get("/actuator/prometheus").text();
			assertThat(metrics)
				.containsPattern("(?m)^yixing_warning\\{cause=\"ARCHIVING_FAILING\",check=\"backups\"} 1\\.0$")
				.containsPattern("(?m)^yixing_warning\\{cause=\"NO_RECENT_BACKUP\",check=\"backups\"} 0\\.0$")
				.containsPattern("(?m)^yixing_warning\\{cause=\"LAST_BACKUP_FAILED\",check=\"backups\"} 0\\.0$")
				.containsPattern("(?m)^yixing_backup_last_verified_timestamp_seconds \\d\\.\\d+E9$");
			org.yixing.test.WebSession console = org.yixing.test.WebSession.signedIn(
					Integer.parseInt(drill.context.getEnvironment().getProperty("local.server.port")), Staff.ID_NUMBER,
					Staff.PASSWORD);
			assertThat(console.get("/admin/backups").body()).contains("备份需要处理")
				.contains("日志归档失败")
				.contains("立即备份")
				.contains(backupId);
			assertThat(console.get("/admin/platform").body()).contains("本服务器需要处理")
				.contains("日志归档失败")
				.contains("href=\"/admin/backups\"");
			assertThat(volunteers.login(volunteer.phone(), Volunteers.PASSWORD)).isNotBlank();
			Files.delete(wal);
			Files.move(aside, wal);

			// Only one scheduled backup a day, however many nodes try at once.
			Backups scheduler = drill.context.getBean(Backups.class);
			java.time.LocalDate day = java.time.LocalDate.of(2026, 12, 1);
			org.yixing.test.Race.of(2, (i) -> {
				scheduler.scheduled(day);
				return null;
			});
			assertThat(drill.jdbc.sql("SELECT count(*) FROM backups WHERE scheduled_for = ?")
				.param(java.sql.Date.valueOf(day))
				.query(Integer.class)
				.single()).isEqualTo(1);

			// After the backup: another volunteer checks in, and the log is archived.
			Volunteers.Registered late = volunteers.register();
			lateSession = attendance.checkIn(late.token(), Attendance.newDevice(), code).field("sessionId");
			drill.archiveNow();
			try (var segments = Files.list(backups.resolve("wal"))) {
				assertThat(segments.toList()).isNotEmpty()
					.allSatisfy((segment) -> assertThat(Files.getPosixFilePermissions(segment))
						.as("archived by PostgreSQL, whose umask is 077")
						.doesNotContain(java.nio.file.attribute.PosixFilePermission.GROUP_READ,
								java.nio.file.attribute.PosixFilePermission.OTHERS_READ));
			}
		}
		FileSystemUtils.deleteRecursively(data);

		Path restored = this.root.resolve("restored");
		try (Drill drill = Drill.start(restored, backups, "--yixing.restore.from=" + backups)) {
			Volunteers volunteers = new Volunteers(drill.api);
			String token = volunteers.login(volunteerPhone, Volunteers.PASSWORD);
			Api.Response me = drill.api.get("/me", token);
			assertThat(me.field("idNumber")).isEqualTo(volunteerIdNumber);
			assertThat(drill.api.get("/me/sessions", token).body().get(0).get("status").asString())
				.isEqualTo("COMPLETED");
			assertThat(drill.api.get("/evidence/" + evidenceId, token).bytes()).isEqualTo(EVIDENCE);
			assertThat(drill.jdbc.sql("SELECT status FROM attendance_sessions WHERE id = CAST(? AS uuid)")
				.param(lateSession)
				.query(String.class)
				.single()).isEqualTo("OPEN");
			// The newest base backup: the day's scheduled one, taken after backupId.
			assertThat(Files.readString(restored.resolve(RestoreAtStart.MARKER)))
				.contains(new BackupFolder(backups).manifests().getLast().id());
			// Retention (7d,4w): one base backup a day is kept, the newest, and the log
			// from its start on, each segment compressed.
			String walStart = new BackupFolder(backups).manifests().getLast().walStart();
			try (var segments = Files.list(backups.resolve("wal"))) {
				assertThat(segments.map((p) -> p.getFileName().toString()).filter((n) -> n.matches("[0-9A-F]{24}.*")))
					.isNotEmpty()
					.allSatisfy((n) -> assertThat(n).endsWith(".gz"))
					.allSatisfy(
							(n) -> assertThat(n.substring(8, 24)).isGreaterThanOrEqualTo(walStart.substring(8, 24)));
			}
			assertThat(new BackupFolder(backups).manifests()).extracting(BackupFolder.Manifest::id)
				.hasSize(1)
				.doesNotContain(backupId);
		}

		// A damaged backup: verification names the file, and a restore refuses it.
		BackupFolder folder = new BackupFolder(backups);
		BackupFolder.Manifest manifest = folder.manifests().getLast();
		Path victim = folder.base(manifest.id()).resolve("data/PG_VERSION");
		Files.writeString(victim, "99\n");
		assertThat(BackupVerification.checksums(folder.base(manifest.id()), manifest)).contains("data/PG_VERSION");
		assertThatThrownBy(() -> Drill.start(this.root.resolve("again"), backups, "--yixing.restore.from=" + backups))
			.hasStackTraceContaining("The backup is damaged");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aRestoreToATimeKeepsWhatCameBeforeItAndRefusesWhatItMustNot(CapturedOutput output) throws Exception {
		Path data = this.root.resolve("data");
		Path backups = this.root.resolve("backups");
		String first;
		String second;
		Instant between;
		try (Drill drill = Drill.start(data, backups)) {
			Volunteers volunteers = new Volunteers(drill.api);
			Organizations organizations = new Organizations(drill.api);
			Attendance attendance = new Attendance(drill.api);
			String staff = organizations.staffToken();
			String code = drill.activityNow("时间点恢复协会");
			Volunteers.Registered a = volunteers.register();
			Volunteers.Registered b = volunteers.register();
			drill.backUp(staff);
			first = attendance.checkIn(a.token(), Attendance.newDevice(), code).field("sessionId");
			Thread.sleep(1500);
			between = Instant.now();
			Thread.sleep(1500);
			second = attendance.checkIn(b.token(), Attendance.newDevice(), code).field("sessionId");
			drill.archiveNow();
		}

		// Into the folder that holds a database: refused, nothing touched, and the log
		// says
		// what to do instead of a chain of bean errors.
		assertThatThrownBy(() -> Drill.start(data, backups, "--yixing.restore.from=" + backups))
			.hasStackTraceContaining("already holds a database");
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("Description:\n\nYIXING_RESTORE_FROM is set, but the data folder " + data)
			.contains("Action:\n\nRestore into an empty data folder (YIXING_DATA_DIR), or unset YIXING_RESTORE_FROM.");
		// With a passphrase that does not open the key: refused before anything is
		// copied.
		Path wrong = this.root.resolve("wrong");
		assertThatThrownBy(() -> Drill.start(wrong, backups, "--yixing.restore.from=" + backups,
				"--yixing.backup.passphrase=not the passphrase"))
			.hasStackTraceContaining("does not open the PII key");
		assertThat(Files.exists(wrong.resolve("postgres/PG_VERSION"))).isFalse();

		Path restored = this.root.resolve("restored");
		try (Drill drill = Drill.start(restored, backups, "--yixing.restore.from=" + backups,
				"--yixing.restore.until=" + between.atOffset(ZoneOffset.ofHours(8)))) {
			List<String> sessions = drill.jdbc.sql("SELECT id::text FROM attendance_sessions")
				.query(String.class)
				.list();
			assertThat(sessions).contains(first).doesNotContain(second);
		}
	}

}
