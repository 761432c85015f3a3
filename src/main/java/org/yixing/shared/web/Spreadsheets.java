package org.yixing.shared.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.slf4j.LoggerFactory;
import org.yixing.shared.PrivateFolder;

/**
 * The spreadsheets the console and the API hand out (attendance lists, rankings, 第二课堂
 * credits, service records): a streaming workbook that keeps 200 rows in memory and
 * spills the rest to a temporary file, deleted when the bytes are made. The file is in a
 * folder of this user's alone ({@link PrivateFolder}), not in POI's {@code poifiles},
 * which any account on the server could make first and so stop every large export.
 */
public final class Spreadsheets {

	static final String SPILL_FOLDER = "yixing-spreadsheets";

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

	private Spreadsheets() {
	}

	/** The .xlsx that {@code fill} writes into a new workbook. */
	public static byte[] xlsx(Consumer<Workbook> fill) {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			try {
				fill.accept(workbook);
				workbook.write(out);
			}
			finally {
				workbook.dispose();
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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
