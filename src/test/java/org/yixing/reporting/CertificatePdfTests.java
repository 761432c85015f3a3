package org.yixing.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.yixing.hours.HoursDirectory.ServiceRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate's layout: long lists run over pages with the table's header on each,
 * long text wraps inside its cell, characters the font lacks become 〓 instead of an
 * error, and the font is embedded as a subset.
 */
class CertificatePdfTests {

	@Test
	void aLongRecordRunsOverPagesWithTheHeaderAndNumberOnEach() throws Exception {
		List<ServiceRecord> records = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			records.add(record("第" + i + "次社区服务", (i % 7 == 0) ? "长".repeat(80) : "整理书架", 60 + i));
		}
		byte[] pdf = CertificatePdf.render(issued("王小明", records),
				"https://yixing.example.edu.cn/verify/" + "A".repeat(43));
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(document.getNumberOfPages()).isGreaterThan(3);
			PDFTextStripper stripper = new PDFTextStripper();
			for (int page = 1; page <= document.getNumberOfPages(); page++) {
				stripper.setStartPage(page);
				stripper.setEndPage(page);
				String text = stripper.getText(document);
				assertThat(text).contains("YX20261126-0123456789",
						"第 " + page + " 页，共 " + document.getNumberOfPages() + " 页");
				if (page < document.getNumberOfPages()) {
					assertThat(text).contains("服务日期", "活动名称");
				}
			}
			String all = new PDFTextStripper().getText(document);
			assertThat(all).contains("第0次社区服务", "第119次社区服务", "120 条记录");
			PDFont font = document.getPage(0)
				.getResources()
				.getFont(document.getPage(0).getResources().getFontNames().iterator().next());
			// a subset: six capital letters and a plus before the name
			assertThat(font.getName()).matches("[A-Z]{6}\\+.*");
		}
		assertThat(pdf.length).as("a subset, not the 10 MB font").isLessThan(600_000);
	}

	@Test
	void charactersTheFontLacksBecomeAGetaMarkNotAnError() throws Exception {
		// U+1F600 (an emoji) and U+2A6D6 (CJK extension B) are not in Noto Sans SC
		byte[] pdf = CertificatePdf.render(
				issued("李\uD869\uDED6", List.of(record("微笑\uD83D\uDE00服务", "控制\u0007字符", 90))),
				"http://127.0.0.1/verify/x");
		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("李〓", "微笑〓服务", "控制 字符");
		}
	}

	private static Certificates.Issued issued(String name, List<ServiceRecord> records) {
		long credit = records.stream().filter(ServiceRecord::credit).mapToLong(ServiceRecord::minutes).sum();
		return new Certificates.Issued("code", "YX20261126-0123456789", name, "4201**********0012", "益行志愿服务平台",
				"027-88888888", credit, 0, Instant.parse("2026-11-26T02:00:00Z"), records);
	}

	private static ServiceRecord record(String title, String content, int minutes) {
		return new ServiceRecord(UUID.randomUUID(), UUID.randomUUID(), true, "SESSION", minutes, UUID.randomUUID(),
				"会计学院志愿者协会", UUID.randomUUID(), title, LocalDate.of(2026, 10, 1), "图书馆三楼", content, "张老师", "",
				Instant.parse("2026-10-01T04:00:00Z"));
	}

}
