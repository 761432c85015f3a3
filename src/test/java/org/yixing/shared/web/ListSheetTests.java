package org.yixing.shared.web;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which sheet of an office's workbook holds the list: the first visible one whose header
 * names the ID number, in Chinese or English, in .xlsx and .xls alike.
 */
class ListSheetTests {

	@Test
	void theSheetWhoseHeaderNamesTheIdNumberIsReadPastASheetOfInstructions() throws Exception {
		for (Workbook workbook : new Workbook[] { new XSSFWorkbook(), new HSSFWorkbook() }) {
			try (workbook) {
				workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("每行一位志愿者的身份证号，原因见第三页");
				org.apache.poi.ss.usermodel.Row header = workbook.createSheet("工时补录").createRow(0);
				header.createCell(0).setCellValue("身份证号 ID number");
				header.createCell(1).setCellValue("分钟 Minutes");
				workbook.createSheet("原因 Reasons").createRow(0).createCell(0).setCellValue("NO_SIGNAL");
				assertThat(Spreadsheets.listSheet(workbook).getSheetName()).isEqualTo("工时补录");
			}
		}
	}

	@Test
	void anEnglishHeaderCountsAndAHiddenSheetNever() throws Exception {
		try (Workbook workbook = new XSSFWorkbook()) {
			org.apache.poi.ss.usermodel.Row old = workbook.createSheet("old").createRow(0);
			old.createCell(0).setCellValue("Name");
			old.createCell(1).setCellValue("ID number");
			workbook.setSheetHidden(0, true);
			workbook.createSheet("notes").createRow(0).createCell(0).setCellValue("Fill in the next sheet");
			org.apache.poi.ss.usermodel.Row header = workbook.createSheet("roster").createRow(0);
			header.createCell(0).setCellValue("Name");
			header.createCell(1).setCellValue("ID Number");
			assertThat(Spreadsheets.listSheet(workbook).getSheetName()).isEqualTo("roster");
		}
	}

	@Test
	void withoutSuchAHeaderTheFirstVisibleSheetIsRead() throws Exception {
		try (Workbook workbook = new XSSFWorkbook()) {
			workbook.createSheet("hidden");
			workbook.setSheetHidden(0, true);
			workbook.createSheet("empty");
			workbook.createSheet("data").createRow(0).createCell(0).setCellValue("张三");
			assertThat(Spreadsheets.listSheet(workbook).getSheetName()).isEqualTo("empty");
		}
	}

}
