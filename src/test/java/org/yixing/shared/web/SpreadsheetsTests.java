package org.yixing.shared.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.yixing.shared.PrivateFolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large sheet's rows spill to a file in a folder of this user's alone while the
 * workbook is made, and the file is gone once the bytes are.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class SpreadsheetsTests {

	@Test
	void aLargeSheetSpillsIntoAFolderOfThisUsersAloneAndLeavesNothing() throws Exception {
		Path folder = PrivateFolder.of(Path.of(System.getProperty("java.io.tmpdir")), Spreadsheets.SPILL_FOLDER)
			.orElseThrow();
		List<String> spilled = new ArrayList<>();
		byte[] xlsx = Spreadsheets.xlsx((workbook) -> {
			Sheet sheet = Spreadsheets.sheet(workbook, "名单", List.of("姓名", "时长"));
			for (int r = 1; r <= 500; r++) {
				sheet.createRow(r).createCell(0).setCellValue("志愿者" + r);
			}
			spilled.addAll(files(folder));
		});
		assertThat(spilled).anyMatch((name) -> name.startsWith("poi-sxssf-sheet"));
		assertThat(files(folder)).doesNotContainAnyElementsOf(spilled);
		try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(read.getSheet("名单").getLastRowNum()).isEqualTo(500);
			assertThat(read.getSheet("名单").getRow(500).getCell(0).getStringCellValue()).isEqualTo("志愿者500");
		}
	}

	private static List<String> files(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
