package org.yixing.shared.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.FileTypes;
import org.yixing.shared.PrivateFolder;

/**
 * The spreadsheets the console and the API hand out (attendance lists, rankings, 第二课堂
 * credits, service records), and how the uploaded ones (rosters, honor hours) are read: a
 * streaming workbook that keeps 200 rows in memory and spills the rest to a temporary
 * file, deleted when the bytes are made. The file is in a folder of this user's alone
 * ({@link PrivateFolder}), not in POI's {@code poifiles}, which any account on the server
 * could make first and so stop every large export.
 */
public final class Spreadsheets {

	static final String SPILL_FOLDER = "yixing-spreadsheets";

	/** The key of the message for an ID number whose digits a spreadsheet lost. */
	public static final String ID_NUMBER_DIGITS_LOST = "spreadsheet.idNumberLostDigits";

	/** Whole numbers below this keep every digit in a spreadsheet (15 significant). */
	private static final double EXACT_BELOW = 1e15;

	private static final Pattern DIGITS_LOST = Pattern.compile("\\d(\\.\\d+)?[eE]\\+?\\d+");

	static {
		try {
			PrivateFolder.of(Path.of(System.getProperty("java.io.tmpdir")), SPILL_FOLDER)
				.ifPresent((folder) -> TempFile
					.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(folder.toFile())));
		}
		catch (IOException ex) {
			LoggerFactory.getLogger(Spreadsheets.class)
				.warn("Large exports spill into POI's own folder: {}", ex.toString());
		}
	}

	/** The longest column title taken for a header's (身份证号 ID number, 公民身份证号码). */
	private static final int HEADER_MAX = 30;

	private Spreadsheets() {
	}

	/** The .xlsx that {@code fill} writes into a new workbook. */
	public static byte[] xlsx(Consumer<Workbook> fill) {
		// closing the workbook deletes its spilled rows (POI 5.3's dispose())
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			fill.accept(workbook);
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether {@code file} is a spreadsheet: {@code .xlsx}, or {@code .xls}. */
	public static boolean isSpreadsheet(byte[] file) {
		return FileTypes.isZip(file) || FileTypes.isOle2(file);
	}

	/**
	 * What {@code reading} makes of the sheet of an uploaded spreadsheet, {@code .xlsx}
	 * or {@code .xls}, that holds the list ({@link #listSheet}). A workbook that cannot
	 * be read (another kind of file, a damaged one, one with a password, one without a
	 * sheet) → {@code INVALID_SPREADSHEET}; a rule that {@code reading} finds broken is
	 * thrown as it is.
	 */
	public static <T> T readListSheet(byte[] file, Function<Sheet, T> reading) {
		try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(file))) {
			return reading.apply(listSheet(workbook));
		}
		catch (DomainException refused) {
			throw refused;
		}
		catch (IOException | RuntimeException ex) {
			throw new DomainException(ErrorCode.INVALID_SPREADSHEET);
		}
	}

	/**
	 * The sheet an office's workbook keeps its list on: the first visible sheet whose
	 * first row names an ID-number column (身份证号, as the templates' headers do), so that a
	 * sheet of instructions (说明) or a hidden one before it is passed over; failing that,
	 * the first visible sheet.
	 */
	static Sheet listSheet(Workbook workbook) {
		@Nullable Sheet firstVisible = null;
		DataFormatter format = new DataFormatter(Locale.ROOT);
		for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
			if (workbook.isSheetHidden(i) || workbook.isSheetVeryHidden(i)) {
				continue;
			}
			Sheet sheet = workbook.getSheetAt(i);
			if (firstVisible == null) {
				firstVisible = sheet;
			}
			Row header = sheet.getRow(sheet.getFirstRowNum());
			if (header != null && namesAnIdNumber(header, format)) {
				return sheet;
			}
		}
		return (firstVisible != null) ? firstVisible : workbook.getSheetAt(0);
	}

	/**
	 * A header row: two columns or more, one of them titled for the ID number (a line of
	 * instructions that mentions 身份证号 is one long cell).
	 */
	private static boolean namesAnIdNumber(Row header, DataFormatter format) {
		int columns = 0;
		boolean idNumber = false;
		for (Cell cell : header) {
			String text = text(cell, format).strip().toLowerCase(Locale.ROOT);
			if (!text.isEmpty()) {
				columns++;
				idNumber |= text.length() <= HEADER_MAX && (text.contains("身份证") || text.contains("id number"));
			}
		}
		return idNumber && columns >= 2;
	}

	/**
	 * What a cell holds: its own type, or, for a formula, the type of the value the
	 * spreadsheet saved with it.
	 */
	public static CellType valueType(Cell cell) {
		return (cell.getCellType() == CellType.FORMULA) ? cell.getCachedFormulaResultType() : cell.getCellType();
	}

	/**
	 * A cell of an uploaded spreadsheet as the text typed into it. A whole number short
	 * enough to be exact in a spreadsheet (15 significant digits: a legacy ID number, a
	 * phone) in all its digits, where the general format would show {@code 4.20103E+14};
	 * a longer one as the general format shows it ({@code 4.20102E+17}) whatever the
	 * cell's format, as its digits past the 15th are already lost ({@link #digitsLost}).
	 * A formula cell as the value saved with it.
	 */
	public static String text(@Nullable Cell cell, DataFormatter format) {
		if (cell == null) {
			return "";
		}
		// a formula (=VLOOKUP(…), =A2&B2) as the value the spreadsheet saved with it, not
		// as its text
		CellType type = valueType(cell);
		if (cell.getCellType() == CellType.FORMULA && type == CellType.STRING) {
			return cell.getStringCellValue().strip();
		}
		if (type == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell)) {
			double number = cell.getNumericCellValue();
			if (Math.abs(number) >= EXACT_BELOW) {
				return String.format(Locale.ROOT, "%.5E", number);
			}
			if (number == Math.rint(number)) {
				return Long.toString((long) number);
			}
		}
		return format.formatCellValue(cell).strip();
	}

	/**
	 * Whether {@code text} is a number as a spreadsheet shows one too long to keep: an ID
	 * number typed into a cell that was not text, its last digits gone (told with
	 * {@link #ID_NUMBER_DIGITS_LOST}).
	 */
	public static boolean digitsLost(String text) {
		return DIGITS_LOST.matcher(text.strip()).matches();
	}

	/**
	 * Makes {@code columns} of a template text, so that a spreadsheet keeps the ID
	 * numbers and phones typed into them as typed.
	 */
	public static void textColumns(Sheet sheet, int... columns) {
		CellStyle text = sheet.getWorkbook().createCellStyle();
		text.setDataFormat(sheet.getWorkbook().createDataFormat().getFormat("@"));
		for (int column : columns) {
			sheet.setDefaultColumnStyle(column, text);
		}
	}

	/** A new sheet whose first row holds the headers. */
	public static Sheet sheet(Workbook workbook, String name, List<String> headers) {
		Sheet sheet = workbook.createSheet(name);
		Row header = sheet.createRow(0);
		for (int c = 0; c < headers.size(); c++) {
			header.createCell(c).setCellValue(headers.get(c));
		}
		return sheet;
	}

}
