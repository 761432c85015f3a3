package org.yixing.identity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.yixing.shared.web.Spreadsheets;

/**
 * A roster in {@code .xlsx} or {@code .xls} as the CSV lines {@link RosterImport} reads
 * (name, ID number, phone; the sheet whose header names the ID number, else the first),
 * an empty roster to fill in, and an import's result as a downloadable CSV report.
 */
final class RosterSpreadsheet {

	private static final Charset GB18030 = Charset.forName("GB18030");

	private RosterSpreadsheet() {
	}

	/**
	 * An uploaded roster as CSV text: a workbook converted; else UTF-8 text, or, when the
	 * bytes are not UTF-8, GB18030: a spreadsheet on a Chinese Windows saves CSV in GBK,
	 * which GB18030 contains, and read as UTF-8 its names would become replacement
	 * characters.
	 */
	static String text(byte[] file) {
		if (Spreadsheets.isSpreadsheet(file)) {
			return toCsv(file);
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(file))
				.toString();
		}
		catch (CharacterCodingException notUtf8) {
			return new String(file, GB18030);
		}
	}

	static String toCsv(byte[] spreadsheet) {
		return Spreadsheets.readListSheet(spreadsheet, (sheet) -> {
			StringBuilder csv = new StringBuilder();
			DataFormatter format = new DataFormatter(Locale.ROOT);
			for (int r = 0; r <= Math.min(sheet.getLastRowNum(), RosterImport.MAX_LINES); r++) {
				Row row = sheet.getRow(r);
				for (int c = 0; c < 3; c++) {
					String value = (row != null) ? Spreadsheets.text(row.getCell(c), format) : "";
					csv.append((c > 0) ? "," : "").append(field(value.replace("\r", " ").replace("\n", " ")));
				}
				csv.append('\n');
			}
			return csv.toString();
		});
	}

	/** A value as a CSV field: in quotes when it holds a separator or a quote. */
	private static String field(String value) {
		boolean plain = value.chars().noneMatch((ch) -> ch == ',' || ch == '，' || ch == '\t' || ch == '"');
		return plain ? value : "\"" + value.replace("\"", "\"\"") + "\"";
	}

	/**
	 * An empty roster to fill in: the header, and the ID number and phone columns as
	 * text, so that a spreadsheet keeps all 18 characters of an ID number instead of
	 * turning it into a number and dropping its last digits.
	 */
	static byte[] template(String name, String idNumber, String phone) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet();
			CellStyle header = workbook.createCellStyle();
			Font bold = workbook.createFont();
			bold.setBold(true);
			header.setFont(bold);
			Row first = sheet.createRow(0);
			String[] titles = { name, idNumber, phone };
			int[] widths = { 16, 24, 18 };
			for (int c = 0; c < titles.length; c++) {
				Cell cell = first.createCell(c);
				cell.setCellValue(titles[c]);
				cell.setCellStyle(header);
				sheet.setColumnWidth(c, widths[c] * 256);
			}
			Spreadsheets.textColumns(sheet, 1, 2);
			sheet.createFreezePane(0, 1);
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String report(RosterImport.Result result) {
		StringBuilder csv = new StringBuilder("\uFEFF结果 Result,数量 Count\n").append("新建 Created,")
			.append(result.created())
			.append("\n已注册 Already registered,")
			.append(result.alreadyRegistered())
			.append("\n无效 Invalid,")
			.append(result.errors().size())
			.append("\n\n行 Line,代码 Code,说明 Message\n");
		for (RosterImport.LineProblem problem : result.errors()) {
			csv.append(problem.line())
				.append(',')
				.append(problem.code())
				.append(',')
				.append(problem.message().replace(",", "，"))
				.append('\n');
		}
		return csv.toString();
	}

}
