package org.yixing.hours;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationId;
import org.yixing.organization.OrganizationPolicy;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageFeedback;
import org.yixing.shared.web.Spreadsheets;

/**
 * Honor hours (工时补录) in bulk from an {@code .xlsx} or {@code .xls} of the template's
 * columns: 身份证号, 分钟, 原因, 说明, 服务日期. Every row is checked by the same rules as one entry
 * (RULES §8); nothing is written unless every row is valid, and then all rows in one
 * transaction.
 */
@Service
class HonorHoursImport {

	static final String[] COLUMNS = { "身份证号 ID number", "分钟 Minutes", "原因 Reason", "说明 Description",
			"服务日期 Service date (yyyy-MM-dd)" };

	static final int MAX_ROWS = 2000;

	/**
	 * A service date typed as text: 2025-10-01, 2025/10/1, 2025.10.1 or 2025年10月1日 (a
	 * date the spreadsheet recognised arrives as a date).
	 */
	private static final Pattern DATE = Pattern
		.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");

	private final HonorHours honorHours;

	private final AccountDirectory accounts;

	private final OrganizationPolicy policy;

	private final PageFeedback feedback;

	HonorHoursImport(HonorHours honorHours, AccountDirectory accounts, OrganizationPolicy policy,
			PageFeedback feedback) {
		this.honorHours = honorHours;
		this.accounts = accounts;
		this.policy = policy;
		this.feedback = feedback;
	}

	/** Checks every row; writes all of them only when none has an error. */
	@Transactional
	Result importRows(AuthenticatedAccount caller, OrganizationId organization, byte[] xlsx) {
		this.policy.requireAdmin(caller, organization);
		List<Parsed> rows = new ArrayList<>();
		List<RowError> errors = new ArrayList<>();
		Spreadsheets.<Void>readListSheet(xlsx, (sheet) -> {
			DataFormatter format = new DataFormatter(Locale.ROOT);
			for (int r = 1; r <= Math.min(sheet.getLastRowNum(), MAX_ROWS); r++) {
				Row row = sheet.getRow(r);
				if (row == null || blank(row, format)) {
					continue;
				}
				try {
					rows.add(parse(row, format, organization));
				}
				catch (DomainException ex) {
					errors.add(new RowError(r + 1, describe(ex)));
				}
			}
			if (sheet.getLastRowNum() > MAX_ROWS) {
				errors.add(new RowError(MAX_ROWS + 2, this.feedback.text("console.hours.import.tooMany", MAX_ROWS)));
			}
			return null;
		});
		if (rows.isEmpty() && errors.isEmpty()) {
			errors.add(new RowError(2, this.feedback.text("console.hours.import.empty")));
		}
		if (!errors.isEmpty()) {
			return new Result(0, errors);
		}
		for (Parsed row : rows) {
			this.honorHours.add(caller, organization, row.volunteer(), row.makeup(), "MAKEUP", null);
		}
		return new Result(rows.size(), List.of());
	}

	/** The template: the columns and one example row. */
	static byte[] template() {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("工时补录");
			Row header = sheet.createRow(0);
			for (int i = 0; i < COLUMNS.length; i++) {
				header.createCell(i).setCellValue(COLUMNS[i]);
				sheet.setColumnWidth(i, 24 * 256);
			}
			Spreadsheets.textColumns(sheet, 0);
			Row example = sheet.createRow(1);
			example.createCell(0).setCellValue("42011120010315002X");
			example.createCell(1).setCellValue(120);
			example.createCell(2).setCellValue("BEFORE_PLATFORM");
			example.createCell(3).setCellValue("2025年社区敬老服务（示例行，请删除）");
			example.createCell(4).setCellValue("2025-10-01");
			Sheet reasons = workbook.createSheet("原因 Reasons");
			int r = 0;
			for (MakeupReason reason : MakeupReason.values()) {
				if (reason.allowed()) {
					reasons.createRow(r++).createCell(0).setCellValue(reason.name());
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Parsed parse(Row row, DataFormatter format, OrganizationId organization) {
		String idNumber = Spreadsheets.text(row.getCell(0), format);
		if (Spreadsheets.digitsLost(idNumber)) {
			throw DomainException.invalidField("idNumber", Spreadsheets.ID_NUMBER_DIGITS_LOST);
		}
		AccountId volunteer = this.accounts.findByIdNumber(idNumber)
			.orElseThrow(() -> DomainException.invalidField("idNumber", "console.hours.import.noAccount"))
			.id();
		int minutes;
		try {
			minutes = Integer.parseInt(Spreadsheets.text(row.getCell(1), format).replaceAll("\\.0+$", ""));
		}
		catch (NumberFormatException ex) {
			throw DomainException.invalidField("minutes", "makeup.minutes.invalid");
		}
		String description = Spreadsheets.text(row.getCell(3), format);
		if (description.isEmpty() || description.length() > 1000) {
			throw DomainException.invalidField("description", "ui.makeup.description.invalid");
		}
		HonorHours.Makeup makeup = HonorHours.Makeup.of(minutes, Spreadsheets.text(row.getCell(2), format), description,
				null, null, null, null, date(row.getCell(4), format));
		this.honorHours.checkMakeup(volunteer, organization, makeup);
		return new Parsed(volunteer, makeup);
	}

	private static @Nullable LocalDate date(@Nullable Cell cell, DataFormatter format) {
		if (cell == null) {
			return null;
		}
		if (Spreadsheets.valueType(cell) == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
			return cell.getLocalDateTimeCellValue().toLocalDate();
		}
		String value = Normalizer.normalize(Spreadsheets.text(cell, format), Normalizer.Form.NFKC);
		if (value.isEmpty()) {
			return null;
		}
		Matcher date = DATE.matcher(value);
		if (date.matches()) {
			try {
				return LocalDate.of(Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)),
						Integer.parseInt(date.group(3)));
			}
			catch (DateTimeException notADay) {
				// 2025/2/30: refused below
			}
		}
		throw DomainException.invalidField("serviceDate", "console.hours.import.date");
	}

	private static boolean blank(Row row, DataFormatter format) {
		for (int i = 0; i < COLUMNS.length; i++) {
			if (!Spreadsheets.text(row.getCell(i), format).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	/** The refusal's message, with the field messages it carries. */
	private String describe(DomainException ex) {
		StringBuilder text = new StringBuilder(this.feedback.message(ex));
		if (ex.properties().get("errors") instanceof java.util.Map<?, ?> fields) {
			fields.values()
				.forEach((v) -> text.append("：")
					.append((v instanceof org.springframework.context.MessageSourceResolvable r)
							? this.feedback.text(r.getCodes()[0]) : String.valueOf(v)));
		}
		return text.toString();
	}

	record Parsed(AccountId volunteer, HonorHours.Makeup makeup) {
	}

	/**
	 * @param row the spreadsheet's own row number (the header is row 1)
	 */
	record RowError(int row, String message) {
	}

	record Result(int written, List<RowError> errors) {
	}

}
