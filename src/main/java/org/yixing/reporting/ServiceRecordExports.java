package org.yixing.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.audit.AuditLog;
import org.yixing.hours.HoursDirectory;
import org.yixing.hours.HoursDirectory.ServiceRecord;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.web.Spreadsheets;

/**
 * An organization's service records for the national volunteer information system
 * (志愿服务记录与证明出具办法 Art. 5 and 7): one row per ledger entry recorded at or below the
 * organization for service in the range — the volunteer's name and ID number, the
 * activity, date, place, content, hours, organizing unit and lead. The system matches
 * volunteers by ID number, so this is the one export with whole ID numbers: every export
 * is audited (who, which organization, which range, how many rows).
 */
@Service
class ServiceRecordExports {

	static final List<String> HEADERS = List.of("姓名", "证件类型", "证件号码", "活动名称", "服务日期", "服务地点", "服务内容", "服务时长（小时）",
			"服务时长（分钟）", "时数类别", "记录方式", "组织单位", "活动负责人", "记录时间", "学号");

	/** An .xlsx sheet holds 1,048,576 rows; longer ranges go to CSV. */
	static final int MAX_XLSX_ROWS = 1_000_000;

	private final OrganizationDirectory organizations;

	private final HoursDirectory hours;

	private final AccountDirectory accounts;

	private final Ranges ranges;

	private final AuditLog audit;

	ServiceRecordExports(OrganizationDirectory organizations, HoursDirectory hours, AccountDirectory accounts,
			Ranges ranges, AuditLog audit) {
		this.organizations = organizations;
		this.hours = hours;
		this.accounts = accounts;
		this.ranges = ranges;
		this.audit = audit;
	}

	@Transactional
	byte[] xlsx(AuthenticatedAccount caller, OrganizationId organization, @Nullable LocalDate from,
			@Nullable LocalDate to) {
		Plan plan = plan(caller, organization, from, to);
		return Spreadsheets.xlsx((workbook) -> {
			Sheet sheet = Spreadsheets.sheet(workbook, "志愿服务记录", HEADERS);
			int[] next = { 1 };
			int rows = export(caller, plan, "xlsx", (cells) -> {
				if (next[0] > MAX_XLSX_ROWS) {
					return false;
				}
				Row row = sheet.createRow(next[0]++);
				for (int c = 0; c < cells.size(); c++) {
					Object value = cells.get(c);
					if (value instanceof Number number) {
						row.createCell(c).setCellValue(number.doubleValue());
					}
					else {
						row.createCell(c).setCellValue(String.valueOf(value));
					}
				}
				return true;
			});
			if (rows > MAX_XLSX_ROWS) {
				sheet.createRow(next[0]).createCell(0).setCellValue("记录超过 " + MAX_XLSX_ROWS + " 行，请缩小日期范围或下载 CSV");
			}
		});
	}

	/**
	 * The same as CSV: UTF-8 with a byte-order mark (so that Excel reads it as such),
	 * every field quoted, text that a spreadsheet would take for a formula prefixed with
	 * {@code '}.
	 */
	@Transactional
	byte[] csv(AuthenticatedAccount caller, OrganizationId organization, @Nullable LocalDate from,
			@Nullable LocalDate to) {
		Plan plan = plan(caller, organization, from, to);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
			writer.write('\uFEFF');
			writer.write(csvLine(new ArrayList<>(HEADERS)));
			export(caller, plan, "csv", (cells) -> {
				try {
					writer.write(csvLine(cells));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				return true;
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static String csvLine(List<?> cells) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				line.append(',');
			}
			Object value = cells.get(i);
			String text = String.valueOf(value);
			if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
				text = "'" + text;
			}
			line.append('"').append(text.replace("\"", "\"\"")).append('"');
		}
		return line.append("\r\n").toString();
	}

	private static final DateTimeFormatter RECORDED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	/** Who may, and what: refused before anything is written. */
	private Plan plan(AuthenticatedAccount caller, OrganizationId organization, @Nullable LocalDate from,
			@Nullable LocalDate to) {
		this.organizations.administeredBy(caller, organization);
		return new Plan(organization, this.ranges.of(from, to), this.organizations.subtreeIds(organization));
	}

	private record Plan(OrganizationId organization, Ranges.Range range, List<UUID> subtree) {
	}

	/** Hands each row over in order; returns how many records there were. */
	private int export(AuthenticatedAccount caller, Plan plan, String format,
			java.util.function.Predicate<List<Object>> row) {
		OrganizationId organization = plan.organization();
		Ranges.Range range = plan.range();
		List<UUID> subtree = plan.subtree();
		// everyone first, so that no query runs while the records stream in
		List<UUID> volunteers = this.hours.volunteersWithin(subtree, range.from(), range.to());
		Map<UUID, AccountDirectory.Identified> people = this.accounts.identifiedForRecordExport(volunteers);
		// RULES §14: the 学号 the university's campus sign-on gave, when linked.
		Map<UUID, String> numbers = this.organizations.studentNumbers(organization, volunteers);
		int[] count = { 0 };
		this.hours.recordsWithin(subtree, range.from(), range.to(), (record) -> {
			count[0]++;
			row.test(cells(record, people.get(record.accountId()), numbers.get(record.accountId())));
		});
		this.audit.record(caller.id().value(), "SERVICE_RECORDS_EXPORTED", "ORGANIZATION",
				organization.value().toString(), Map.of("from", range.from().toString(), "to", range.to().toString(),
						"rows", count[0], "format", format));
		return count[0];
	}

	private static List<Object> cells(ServiceRecord record, AccountDirectory.@Nullable Identified person,
			@Nullable String studentNumber) {
		String title = record.activityTitle().isBlank() ? record.description() : record.activityTitle();
		String content = record.content().isBlank() ? record.description() : record.content();
		List<Object> cells = new ArrayList<>(HEADERS.size());
		cells.add((person != null) ? person.realName() : "");
		cells.add("居民身份证");
		cells.add((person != null) ? person.idNumber() : "");
		cells.add(title);
		cells.add(record.serviceDate().toString());
		cells.add(record.place());
		cells.add(content);
		cells.add(Hours.of(record.minutes()).doubleValue());
		cells.add(record.minutes());
		cells.add(record.credit() ? "信用时数" : "荣誉时数");
		cells.add(switch (record.source()) {
			case "SESSION" -> "签到签退";
			case "MAKEUP" -> "工时补录";
			default -> "更正";
		});
		cells.add(record.organizationName());
		cells.add(record.activityLead());
		cells.add(RECORDED.format(record.recordedAt().atZone(ApplicationClock.ZONE)));
		cells.add((studentNumber != null) ? studentNumber : "");
		return cells;
	}

}
