package org.yixing.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A roster spreadsheet read as the importer reads it: spreadsheets keep numbers to 15
 * significant digits, and an 18-character ID number typed into a number cell is already
 * changed when the file arrives.
 */
class RosterSpreadsheetTests {

	@Test
	void aFifteenDigitIdNumberKeptAsANumberIsReadWithEveryDigit() throws IOException {
		// the general format would show 4.20103E+14
		assertThat(RosterSpreadsheet.toCsv(roster(420102800101001d, null))).isEqualTo("张三,420102800101001,\n");
	}

	@Test
	void anEighteenDigitNumberIsReadAsTheSpreadsheetShowsItWhateverTheCellsFormat() throws IOException {
		assertThat(RosterSpreadsheet.toCsv(roster(420102198001010012d, null))).isEqualTo("张三,4.20102E+17,\n");
		// a whole-number format would show 420102198001010000: digits that look whole
		assertThat(RosterSpreadsheet.toCsv(roster(420102198001010012d, "0"))).isEqualTo("张三,4.20102E+17,\n");
	}

	@Test
	void aPhoneKeptAsANumberIsReadWithEveryDigit() throws IOException {
		byte[] file = roster(420102800101001d, null);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file));
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			workbook.getSheetAt(0).getRow(0).createCell(2).setCellValue(13800138000d);
			workbook.write(out);
			assertThat(RosterSpreadsheet.toCsv(out.toByteArray())).isEqualTo("张三,420102800101001,13800138000\n");
		}
	}

	@Test
	void theTemplatesHeaderIsReadAsAHeaderAndItsIdNumberAndPhoneColumnsAreText() throws IOException {
		byte[] template = RosterSpreadsheet.template("姓名", "身份证号", "手机号（选填）");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).as("no example row to be imported by mistake").isZero();
			assertThat(sheet.getColumnStyle(0).getDataFormatString()).isEqualTo("General");
			assertThat(sheet.getColumnStyle(1).getDataFormatString()).isEqualTo("@");
			assertThat(sheet.getColumnStyle(2).getDataFormatString()).isEqualTo("@");
		}
		assertThat(RosterSpreadsheet.toCsv(template)).isEqualTo("姓名,身份证号,手机号（选填）\n");
		assertThat(RosterSpreadsheet.template("Name", "ID number", "Phone (optional)")).isNotEmpty();
	}

	/**
	 * Office workbooks often open with a sheet of instructions (说明), or keep a hidden
	 * working sheet: the list is read from the sheet whose header names the ID number.
	 */
	@Test
	void theListIsReadFromTheSheetWhoseHeaderNamesTheIdNumberPastInstructionsAndHiddenSheets() throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("请在第三个工作表中填写，身份证号设为文本");
			Row hidden = workbook.createSheet("旧名单").createRow(0);
			hidden.createCell(0).setCellValue("姓名");
			hidden.createCell(1).setCellValue("身份证号");
			workbook.setSheetHidden(1, true);
			Sheet list = workbook.createSheet("名单");
			Row header = list.createRow(0);
			header.createCell(0).setCellValue("姓名");
			header.createCell(1).setCellValue("身份证号码");
			Row line = list.createRow(1);
			line.createCell(0).setCellValue("张三");
			line.createCell(1).setCellValue("11010519491231002X");
			workbook.write(out);
			assertThat(RosterSpreadsheet.toCsv(out.toByteArray())).isEqualTo("姓名,身份证号码,\n张三,11010519491231002X,\n");
		}
	}

	@Test
	void withoutAHeaderTheFirstVisibleSheetIsRead() throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			workbook.createSheet("草稿").createRow(0).createCell(0).setCellValue("不要导入");
			workbook.setSheetHidden(0, true);
			Row line = workbook.createSheet("名单").createRow(0);
			line.createCell(0).setCellValue("张三");
			line.createCell(1).setCellValue("11010519491231002X");
			workbook.createSheet("备注").createRow(0).createCell(0).setCellValue("备注");
			workbook.write(out);
			assertThat(RosterSpreadsheet.toCsv(out.toByteArray())).isEqualTo("张三,11010519491231002X,\n");
		}
	}

	@Test
	void aCellWithACommaOrAQuoteKeepsIt() throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Row row = workbook.createSheet().createRow(0);
			row.createCell(0).setCellValue("欧阳,\"娜娜\"");
			row.createCell(1).setCellValue("11010519491231002X");
			workbook.write(out);
			String csv = RosterSpreadsheet.toCsv(out.toByteArray());
			assertThat(RosterImport.fields(csv.strip())).containsExactly("欧阳,\"娜娜\"", "11010519491231002X", "");
		}
	}

	/**
	 * Office rosters are often put together with formulas (=VLOOKUP(…), =A2&B2): a cell
	 * is read as the value the spreadsheet saved with it, not as the formula's text.
	 */
	@Test
	void aFormulaCellIsReadAsItsSavedValue() throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Row row = workbook.createSheet().createRow(0);
			row.createCell(4).setCellValue("张");
			row.createCell(5).setCellValue("三");
			row.createCell(6).setCellValue("11010519491231002X");
			row.createCell(7).setCellValue(13800138000d);
			row.createCell(0).setCellFormula("E1&F1");
			row.createCell(1).setCellFormula("G1");
			row.createCell(2).setCellFormula("H1");
			workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
			workbook.write(out);
			assertThat(RosterSpreadsheet.toCsv(out.toByteArray())).isEqualTo("张三,11010519491231002X,13800138000\n");
		}
	}

	/** Many offices still save Excel 97-2003 workbooks. */
	@Test
	void anXlsWorkbookIsReadAsAnXlsxOneIs() throws IOException {
		try (org.apache.poi.hssf.usermodel.HSSFWorkbook workbook = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Row row = workbook.createSheet().createRow(0);
			row.createCell(0).setCellValue("张三");
			row.createCell(1).setCellValue("11010519491231002X");
			row.createCell(2).setCellValue(13800138000d);
			workbook.write(out);
			assertThat(RosterSpreadsheet.text(out.toByteArray())).isEqualTo("张三,11010519491231002X,13800138000\n");
		}
	}

	/**
	 * A workbook with a password, or a damaged one, cannot be read: refused as such, not
	 * read as text line by line.
	 */
	@Test
	void aWorkbookWithAPasswordOrADamagedOneIsRefusedAsASpreadsheetThatCannotBeRead() throws Exception {
		byte[] plain = roster(420102800101001d, null);
		org.apache.poi.poifs.crypt.EncryptionInfo info = new org.apache.poi.poifs.crypt.EncryptionInfo(
				org.apache.poi.poifs.crypt.EncryptionMode.agile);
		org.apache.poi.poifs.crypt.Encryptor encryptor = info.getEncryptor();
		encryptor.confirmPassword("名册密码");
		ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
		try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
			try (java.io.OutputStream os = encryptor.getDataStream(fs)) {
				os.write(plain);
			}
			fs.writeFilesystem(encrypted);
		}
		byte[] damaged = java.util.Arrays.copyOf(plain, plain.length / 2);
		for (byte[] unreadable : new byte[][] { encrypted.toByteArray(), damaged }) {
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> RosterSpreadsheet.text(unreadable))
				.isInstanceOf(org.yixing.shared.DomainException.class)
				.hasMessage("INVALID_SPREADSHEET");
		}
	}

	/** What a spreadsheet on a Chinese Windows saves as CSV is GBK, not UTF-8. */
	@Test
	void aCsvInGbkIsReadAsGbkAndOneInUtf8AsUtf8() {
		String roster = "姓名,身份证号\n欧阳娜娜,11010519491231002X\n阿依古丽·买买提,11010519491231002X\n";
		assertThat(RosterSpreadsheet.text(roster.getBytes(java.nio.charset.Charset.forName("GBK")))).isEqualTo(roster);
		assertThat(RosterSpreadsheet.text(roster.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(roster);
		assertThat(RosterSpreadsheet.text(("\uFEFF" + roster).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.isEqualTo("\uFEFF" + roster);
	}

	private static byte[] roster(double idNumber, String format) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet();
			Row row = sheet.createRow(0);
			row.createCell(0).setCellValue("张三");
			Cell cell = row.createCell(1);
			cell.setCellValue(idNumber);
			if (format != null) {
				CellStyle style = workbook.createCellStyle();
				style.setDataFormat(workbook.createDataFormat().getFormat(format));
				cell.setCellStyle(style);
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

}
