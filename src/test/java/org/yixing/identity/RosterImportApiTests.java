package org.yixing.identity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.IdNumbers;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RULES §1: legacy roster import with the last 8 of the ID number as first password, in
 * the request or in the background.
 */
@ApiTest
class RosterImportApiTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void importedVolunteersLogInWithTheLastEightCharactersAndMustChangeThePassword() {
		String first = IdNumbers.random();
		String second = IdNumbers.random();
		Volunteers.Registered existing = volunteers().register();
		String csv = "\uFEFF姓名,身份证号,手机号\n王小明," + first + "," + IdNumbers.randomPhone() + "\n李小红," + second.toLowerCase()
				+ ",\n坏数据,123456,\n老用户," + existing.idNumber() + ",\n";
		Api.Response imported = importCsv(csv, staffToken());
		assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
		assertThat(imported.body().path("created").asInt()).isEqualTo(2);
		assertThat(imported.body().path("alreadyRegistered").asInt()).isEqualTo(1);
		assertThat(imported.body().path("errors")).hasSize(1);
		assertThat(imported.body().path("errors").get(0).path("line").asInt()).isEqualTo(4);
		assertThat(imported.body().path("errors").get(0).path("code").asString()).isEqualTo("INVALID_ID_NUMBER");

		Api.Response login = this.api.post("/auth/token", Map.of("account", first, "password", first.substring(10)));
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.body().path("mustChangePassword").asBoolean()).isTrue();
		String token = login.field("accessToken");
		assertThat(this.api.get("/me", token).body().path("mustChangePassword").asBoolean()).isTrue();
		assertThat(this.api
			.put("/me/password", Map.of("currentPassword", first.substring(10), "newPassword", "Chosen2027"), token)
			.status()).isEqualTo(204);
		assertThat(this.api.get("/me", token).body().path("mustChangePassword").asBoolean()).isFalse();
		assertThat(volunteers().login(second, second.substring(10))).isNotBlank();
	}

	@Test
	void importingTheSameRosterAgainCreatesNothing() {
		String csv = "张三," + IdNumbers.random() + "\n";
		assertThat(importCsv(csv, staffToken()).body().path("created").asInt()).isEqualTo(1);
		Api.Response again = importCsv(csv, staffToken());
		assertThat(again.body().path("created").asInt()).isZero();
		assertThat(again.body().path("alreadyRegistered").asInt()).isEqualTo(1);
	}

	@Test
	void aRosterCanAlsoBeUploadedAsAFile() {
		byte[] csv = ("赵六," + IdNumbers.random() + "\n").getBytes(StandardCharsets.UTF_8);
		Api.Response imported = this.api.multipart("/admin/account-imports", Map.of(), "file", "roster.csv", csv,
				"text/csv", staffToken());
		assertThat(imported.body().path("created").asInt()).isEqualTo(1);
	}

	@Test
	void onlyStaffImport() {
		Volunteers.Registered volunteer = volunteers().register();
		assertThat(importCsv("a," + IdNumbers.random(), volunteer.token()).code()).isEqualTo("FORBIDDEN");
		assertThat(importCsv("a," + IdNumbers.random(), null).code()).isEqualTo("UNAUTHENTICATED");
	}

	/**
	 * A roster of thousands takes minutes: imported in the background, it answers at once
	 * and is followed to its end, with the same tallies and bad lines.
	 */
	@Test
	void aRosterImportedInTheBackgroundIsFollowedToItsResult() throws Exception {
		String first = IdNumbers.random();
		Volunteers.Registered existing = volunteers().register();
		String csv = "姓名,身份证号\n王小明," + first + "\n坏数据,123456\n老用户," + existing.idNumber() + "\n";
		String staff = staffToken();
		Api.Response started = this.api.send("POST", "/admin/account-import-jobs", csv, staff,
				Map.of("Content-Type", "text/csv"));
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		assertThat(started.body().path("status").asString()).isIn("RUNNING", "DONE");
		assertThat(started.body().path("lines").asInt()).isEqualTo(4);
		Api.Response done = followed(started.field("id"), staff);
		assertThat(done.body().path("status").asString()).isEqualTo("DONE");
		assertThat(done.body().path("linesDone").asInt()).isEqualTo(4);
		assertThat(done.body().path("created").asInt()).isEqualTo(1);
		assertThat(done.body().path("alreadyRegistered").asInt()).isEqualTo(1);
		assertThat(done.body().path("errors")).hasSize(1);
		assertThat(done.body().path("errors").get(0).path("line").asInt()).isEqualTo(3);
		assertThat(done.body().path("errors").get(0).path("code").asString()).isEqualTo("INVALID_ID_NUMBER");
		assertThat(done.body().path("finishedAt").asString()).isNotBlank();
		assertThat(volunteers().login(first, first.substring(10))).isNotBlank();
	}

	@Test
	void anImportInTheBackgroundAlsoTakesAnXlsxFile() throws Exception {
		String idNumber = IdNumbers.random();
		String staff = staffToken();
		Api.Response started = this.api.multipart("/admin/account-import-jobs", Map.of(), "file", "roster.xlsx",
				xlsx("钱七", idNumber), "application/octet-stream", staff);
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		assertThat(followed(started.field("id"), staff).body().path("created").asInt()).isEqualTo(1);
		assertThat(volunteers().login(idNumber, idNumber.substring(10))).isNotBlank();
	}

	/**
	 * The schema says CSV or .xlsx: a spreadsheet was once read as text, every line
	 * invalid.
	 */
	@Test
	void anXlsxRosterUploadedToTheApiIsReadAsASpreadsheet() throws Exception {
		String idNumber = IdNumbers.random();
		Api.Response imported = this.api.multipart("/admin/account-imports", Map.of(), "file", "roster.xlsx",
				xlsx("孙八", idNumber), "application/octet-stream", staffToken());
		assertThat(imported.body().path("created").asInt()).as(imported.toString()).isEqualTo(1);
		assertThat(imported.body().path("errors")).isEmpty();
	}

	/**
	 * A bad line is kept as its code: a colleague who follows the import in another
	 * language reads its message in theirs, not in the language it was started in.
	 */
	@Test
	void aBadLineIsToldInTheLanguageOfWhoeverFollowsTheImport() throws Exception {
		String staff = staffToken();
		Api.Response started = this.api.send("POST", "/admin/account-import-jobs", "坏数据,123456\n", staff,
				Map.of("Content-Type", "text/csv", "Accept-Language", "zh-CN"));
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		followed(started.field("id"), staff);
		Api.Response english = this.api.send("GET", "/admin/account-import-jobs/" + started.field("id"), null, staff,
				Map.of("Accept-Language", "en"));
		assertThat(english.body().path("errors").get(0).path("message").asString())
			.isEqualTo("The ID number is not valid");
		Api.Response chinese = this.api.send("GET", "/admin/account-import-jobs/" + started.field("id"), null, staff,
				Map.of("Accept-Language", "zh-CN"));
		assertThat(chinese.body().path("errors").get(0).path("message").asString()).isEqualTo("身份证号码格式不正确");
	}

	/**
	 * The real-name rule of registration holds for an imported account too: a line
	 * without a name, or with a name over 50 characters (a column slipped), is refused.
	 */
	@Test
	void aLineWithoutANameOrWithANameOverFiftyCharactersIsRefused() {
		String longName = IdNumbers.random();
		String noName = IdNumbers.random();
		String fifty = "欧".repeat(RealName.MAX);
		String csv = "欧".repeat(RealName.MAX + 1) + "," + longName + "\n ," + noName + "\n只有姓名\n" + fifty + ","
				+ IdNumbers.random() + "\n";
		Api.Response imported = this.api.send("POST", "/admin/account-imports", csv, staffToken(),
				Map.of("Content-Type", "text/csv", "Accept-Language", "zh-CN"));
		assertThat(imported.body().path("created").asInt()).as(imported.toString()).isEqualTo(1);
		assertThat(imported.body().path("errors")).hasSize(3);
		for (int i = 0; i < 3; i++) {
			assertThat(imported.body().path("errors").get(i).path("line").asInt()).isEqualTo(i + 1);
			assertThat(imported.body().path("errors").get(i).path("code").asString()).isEqualTo("VALIDATION_FAILED");
			assertThat(imported.body().path("errors").get(i).path("message").asString())
				.isEqualTo("缺少姓名或身份证号码，或姓名超过50个字");
		}
		assertThat(this.api.post("/auth/token", Map.of("account", longName, "password", longName.substring(10))).code())
			.isEqualTo("BAD_CREDENTIALS");
	}

	/**
	 * A spreadsheet keeps 15 digits of a number: an ID number kept as one reaches the
	 * server changed, and is refused with the reason and what to do, never imported as
	 * another person's number.
	 */
	@Test
	void anIdNumberThatASpreadsheetKeptAsANumberIsRefusedWithTheReason() throws Exception {
		byte[] xlsx;
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Row row = workbook.createSheet().createRow(0);
			row.createCell(0).setCellValue("周九");
			row.createCell(1).setCellValue(Double.parseDouble(IdNumbers.random().replace("X", "1")));
			workbook.write(out);
			xlsx = out.toByteArray();
		}
		Api.Response fromXlsx = this.api.multipart("/admin/account-imports", Map.of(), "file", "roster.xlsx", xlsx,
				"application/octet-stream", staffToken());
		// as a CSV saved by a spreadsheet shows it
		Api.Response fromCsv = this.api.send("POST", "/admin/account-imports", "周九,4.20102E+17\n", staffToken(),
				Map.of("Content-Type", "text/csv", "Accept-Language", "en"));
		for (Api.Response imported : java.util.List.of(fromXlsx, fromCsv)) {
			assertThat(imported.body().path("created").asInt()).as(imported.toString()).isZero();
			assertThat(imported.body().path("errors").get(0).path("code").asString()).isEqualTo("INVALID_ID_NUMBER");
		}
		assertThat(fromXlsx.body().path("errors").get(0).path("message").asString())
			.isEqualTo("身份证号被表格存成了数字（如4.20102E+17），末几位已丢失：请把身份证号一列设为“文本”后重新填写");
		assertThat(fromCsv.body().path("errors").get(0).path("message").asString()).startsWith(
				"The spreadsheet kept the ID number as a number (such as 4.20102E+17) and lost its last digits");
	}

	/**
	 * A CSV saved by a spreadsheet on a Chinese Windows is GBK: its names are read as
	 * such, not as replacement characters.
	 */
	@Test
	void aCsvFileInGbkKeepsItsNames() {
		String idNumber = IdNumbers.random();
		byte[] csv = ("姓名,身份证号\n欧阳娜娜," + idNumber + "\n").getBytes(java.nio.charset.Charset.forName("GBK"));
		Api.Response imported = this.api.multipart("/admin/account-imports", Map.of(), "file", "名册.csv", csv,
				"text/csv", staffToken());
		assertThat(imported.body().path("created").asInt()).as(imported.toString()).isEqualTo(1);
		String token = volunteers().login(idNumber, idNumber.substring(10));
		assertThat(this.api.get("/me", token).body().path("realName").asString()).isEqualTo("欧阳娜娜");
	}

	/** A file that looks like a workbook but cannot be read says so. */
	@Test
	void aDamagedWorkbookIsRefusedAsASpreadsheetThatCannotBeRead() {
		byte[] damaged = { 'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8 };
		Api.Response refused = this.api.multipart("/admin/account-import-jobs", Map.of(), "file", "roster.xlsx",
				damaged, "application/octet-stream", staffToken());
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("INVALID_SPREADSHEET");
		assertThat(refused.body().path("detail").asString()).isEqualTo("无法读取该表格：请上传没有密码保护的.xlsx或.xls文件");
	}

	/** Many tools quote every field of a CSV: the quotes are not part of the name. */
	@Test
	void aCsvWithEveryFieldQuotedIsReadWithoutTheQuotes() {
		String idNumber = IdNumbers.random();
		Api.Response imported = this.api.send("POST", "/admin/account-imports",
				"\"姓名\",\"身份证号\",\"手机号\"\r\n\"欧阳娜娜\",\"" + idNumber + "\",\"\"\r\n", staffToken(),
				Map.of("Content-Type", "text/csv"));
		assertThat(imported.body().path("created").asInt()).as(imported.toString()).isEqualTo(1);
		String token = volunteers().login(idNumber, idNumber.substring(10));
		assertThat(this.api.get("/me", token).body().path("realName").asString()).isEqualTo("欧阳娜娜");
	}

	/**
	 * A name read in the wrong encoding has replacement characters: refused, not made
	 * into an account.
	 */
	@Test
	void aNameWithReplacementCharactersIsRefused() {
		Api.Response imported = this.api.send("POST", "/admin/account-imports",
				"\uFFFD\uFFFD\uFFFD," + IdNumbers.random() + "\n", staffToken(), Map.of("Content-Type", "text/csv"));
		assertThat(imported.body().path("created").asInt()).as(imported.toString()).isZero();
		assertThat(imported.body().path("errors").get(0).path("code").asString()).isEqualTo("VALIDATION_FAILED");
	}

	/** A legacy 15-digit ID number fits in a spreadsheet's number, and is imported. */
	@Test
	void aFifteenDigitIdNumberKeptAsANumberIsImported() throws Exception {
		String legacy = "420102" + "8" + (1 + (int) (System.nanoTime() % 9)) + "0101"
				+ "%03d".formatted((int) (System.nanoTime() % 1000));
		String converted = IdNumber.parse(legacy, java.time.LocalDate.now()).value();
		byte[] xlsx;
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Row row = workbook.createSheet().createRow(0);
			row.createCell(0).setCellValue("吴十");
			row.createCell(1).setCellValue(Double.parseDouble(legacy));
			workbook.write(out);
			xlsx = out.toByteArray();
		}
		Api.Response imported = this.api.multipart("/admin/account-imports", Map.of(), "file", "roster.xlsx", xlsx,
				"application/octet-stream", staffToken());
		assertThat(imported.body().path("created").asInt()).as(imported.toString()).isEqualTo(1);
		assertThat(volunteers().login(converted, converted.substring(10))).isNotBlank();
	}

	/** Lines past the limit are not read; the first of them says so, in words. */
	@Test
	void aRosterOfTooManyLinesSaysWhereItStopped() {
		String csv = "坏数据,123456\n".repeat(RosterImport.MAX_LINES + 5);
		Api.Response imported = this.api.send("POST", "/admin/account-imports", csv, staffToken(),
				Map.of("Content-Type", "text/csv", "Accept-Language", "en"));
		assertThat(imported.body().path("errors")).as(imported.status() + "").hasSize(RosterImport.MAX_LINES + 1);
		var last = imported.body().path("errors").get(RosterImport.MAX_LINES);
		assertThat(last.path("line").asInt()).isEqualTo(RosterImport.MAX_LINES + 1);
		assertThat(last.path("code").asString()).isEqualTo("TOO_MANY_LINES");
		assertThat(last.path("message").asString())
			.isEqualTo("Over 5,000 lines: this line and those after it were not imported");
	}

	/**
	 * A node that died mid-import left no news: after a minute the import reads as
	 * interrupted.
	 */
	@Test
	void anImportWithoutNewsForAMinuteReadsAsInterrupted() {
		UUID id = UUID.randomUUID();
		Instant before = this.clock.instant().minus(Duration.ofSeconds(61));
		this.jdbc.sql("""
				INSERT INTO roster_imports (id, staff_id, lines, lines_done, created, status, started_at, heartbeat_at)
				VALUES (?, ?, 100, 40, 39, 'RUNNING', ?, ?)""")
			.params(id, UUID.randomUUID(), Timestamp.from(before.minusSeconds(30)), Timestamp.from(before))
			.update();
		Api.Response lost = this.api.get("/admin/account-import-jobs/" + id, staffToken());
		assertThat(lost.body().path("status").asString()).as(lost.toString()).isEqualTo("INTERRUPTED");
		assertThat(lost.body().path("linesDone").asInt()).isEqualTo(40);
		assertThat(lost.body().path("created").asInt()).isEqualTo(39);
		this.jdbc.sql("UPDATE roster_imports SET heartbeat_at = ? WHERE id = ?")
			.params(Timestamp.from(this.clock.instant()), id)
			.update();
		assertThat(this.api.get("/admin/account-import-jobs/" + id, staffToken()).body().path("status").asString())
			.isEqualTo("RUNNING");
	}

	@Test
	void onlyStaffStartAndFollowImports() throws InterruptedException {
		Volunteers.Registered volunteer = volunteers().register();
		assertThat(this.api
			.send("POST", "/admin/account-import-jobs", "a," + IdNumbers.random(), volunteer.token(),
					Map.of("Content-Type", "text/csv"))
			.code()).isEqualTo("FORBIDDEN");
		Api.Response started = this.api.send("POST", "/admin/account-import-jobs", "a," + IdNumbers.random(),
				staffToken(), Map.of("Content-Type", "text/csv"));
		assertThat(this.api.get("/admin/account-import-jobs/" + started.field("id"), volunteer.token()).code())
			.isEqualTo("FORBIDDEN");
		assertThat(this.api.get("/admin/account-import-jobs/" + UUID.randomUUID(), staffToken()).code())
			.isEqualTo("NOT_FOUND");
		// done before the next class empties the tables
		assertThat(followed(started.field("id"), staffToken()).body().path("status").asString()).isEqualTo("DONE");
	}

	private Api.Response followed(String id, String staff) throws InterruptedException {
		return followed(this.api, id, staff);
	}

	/** Import {@code id} asked of {@code node} until it no longer runs (30 s at most). */
	static Api.Response followed(Api node, String id, String staff) throws InterruptedException {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		Api.Response job = node.get("/admin/account-import-jobs/" + id, staff);
		while ("RUNNING".equals(job.body().path("status").asString()) && System.nanoTime() < until) {
			Thread.sleep(100);
			job = node.get("/admin/account-import-jobs/" + id, staff);
		}
		assertThat(job.status()).as(job.toString()).isEqualTo(200);
		return job;
	}

	private static byte[] xlsx(String name, String idNumber) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet();
			Row header = sheet.createRow(0);
			header.createCell(0).setCellValue("姓名");
			header.createCell(1).setCellValue("身份证号");
			Row row = sheet.createRow(1);
			row.createCell(0).setCellValue(name);
			row.createCell(1).setCellValue(idNumber);
			workbook.write(out);
			return out.toByteArray();
		}
	}

	private Api.Response importCsv(String csv, String token) {
		return this.api.send("POST", "/admin/account-imports", csv, token, Map.of("Content-Type", "text/csv"));
	}

	private String staffToken() {
		return volunteers().login(Staff.ID_NUMBER, Staff.PASSWORD);
	}

	private Volunteers volunteers() {
		return new Volunteers(this.api);
	}

}
