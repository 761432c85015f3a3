package org.yixing.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.FileTypes;

/**
 * A roster in {@code .xlsx} as the CSV lines {@link RosterImport} reads (name, ID number,
 * phone; the first sheet), and an import's result as a downloadable CSV report.
 */
final class RosterSpreadsheet {

	private RosterSpreadsheet() {
	}

	/**
	 * An uploaded roster as CSV text: an {@code .xlsx} file converted, else UTF-8 text.
	 */
	static String text(byte[] file) {
		return FileTypes.isZip(file) ? toCsv(file) : new String(file, StandardCharsets.UTF_8);
	}

	static String toCsv(byte[] xlsx) {
		StringBuilder csv = new StringBuilder();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = workbook.getSheetAt(0);
			DataFormatter format = new DataFormatter(Locale.ROOT);
			for (int r = 0; r <= Math.min(sheet.getLastRowNum(), RosterImport.MAX_LINES); r++) {
				Row row = sheet.getRow(r);
				for (int c = 0; c < 3; c++) {
					String value = (row != null && row.getCell(c) != null)
							? format.formatCellValue(row.getCell(c)).strip() : "";
					csv.append((c > 0) ? "," : "").append(value.replace(",", " ").replace("\n", " "));
				}
				csv.append('\n');
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new DomainException(ErrorCode.INVALID_FILE);
		}
		return csv.toString();
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
