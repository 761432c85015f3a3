package org.yixing.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.yixing.hours.HoursDirectory.ServiceRecord;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.QrCode;

/**
 * The certificate as PDF (志愿服务记录证明, 办法 Art. 14–15): the holder, every record split into
 * credit and honor with date, place, content, hours and organizing unit, the totals, the
 * issuer with its contact, the issue date, the certificate number, and a QR code of the
 * verification URL with the URL printed beside it. Chinese is set in Noto Sans SC (SIL
 * OFL 1.1, {@code fonts/}), embedded as a subset of the glyphs used.
 */
final class CertificatePdf {

	private static final String FONT = "/fonts/NotoSansSC-Regular.ttf";

	private static final float MARGIN = 50;

	private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

	private static final float[] COLUMNS = { 60, 118, 70, 100, 85, 28, 34 };

	private static final String[] HEADERS = { "服务日期", "活动名称", "服务地点", "服务内容", "组织单位", "类别", "时数" };

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

	/** The font file, read once; each document parses its own copy (not thread-safe). */
	private static volatile byte[] fontBytes;

	private final PDDocument document = new PDDocument();

	private final TrueTypeFont ttf;

	private final CmapLookup glyphs;

	private final PDType0Font font;

	private PDPageContentStream page;

	private float y;

	private CertificatePdf() throws IOException {
		this.ttf = new TTFParser().parse(new RandomAccessReadBuffer(fontBytes()));
		this.glyphs = this.ttf.getUnicodeCmapLookup();
		this.font = PDType0Font.load(this.document, this.ttf, true);
	}

	static byte[] render(Certificates.Issued issued, String verifyUrl) {
		try {
			CertificatePdf pdf = new CertificatePdf();
			try {
				return pdf.write(issued, verifyUrl);
			}
			finally {
				pdf.document.close();
				pdf.ttf.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private byte[] write(Certificates.Issued issued, String verifyUrl) throws IOException {
		PDDocumentInformation info = this.document.getDocumentInformation();
		info.setTitle("志愿服务记录证明 " + issued.number());
		info.setCreator("Yixing");
		newPage();
		centered("志愿服务记录证明", 20);
		this.y -= 8;
		right("证明编号：" + issued.number(), 9);
		this.y -= 10;
		paragraph("兹证明 " + issued.holderName() + "（身份证号：" + issued.idNumberMasked() + "）在" + issued.issuerName()
				+ "记录的志愿服务如下，其中信用时数来自签到签退，荣誉时数由组织补录。", 11);
		this.y -= 4;
		paragraph("信用时数合计 " + hours(issued.creditMinutes()) + " 小时（" + issued.creditMinutes() + " 分钟）；荣誉时数合计 "
				+ hours(issued.honorMinutes()) + " 小时（" + issued.honorMinutes() + " 分钟）；共 "
				+ hours(issued.creditMinutes() + issued.honorMinutes()) + " 小时，" + issued.records().size() + " 条记录。",
				11);
		this.y -= 8;
		table(issued.records());
		this.y -= 16;
		needs(200);
		line("出具单位：" + issued.issuerName(), 11);
		if (!issued.issuerContact().isBlank()) {
			line("联系方式：" + issued.issuerContact(), 11);
		}
		line("出具日期：" + DAY.format(issued.issuedAt().atZone(ApplicationClock.ZONE)), 11);
		this.y -= 8;
		float top = this.y;
		qr(verifyUrl, MARGIN - 12, top - 124, 124);
		float x = MARGIN + 120;
		this.y = top - 4;
		text("扫描二维码，或在浏览器打开下面的网址，核验本证明：", x, this.y - 10, 10);
		this.y -= 16;
		for (String part : wrap(verifyUrl, WIDTH - 120, 8)) {
			this.y -= 11;
			text(part, x, this.y, 8);
		}
		this.y -= 14;
		for (String part : wrap("证明出具后持有人如有新的记录，核验页会注明新记录的日期，请以最新证明为准。", WIDTH - 120, 9)) {
			text(part, x, this.y, 9);
			this.y -= 12;
		}
		this.page.close();
		footers(issued.number());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.document.save(out);
		return out.toByteArray();
	}

	private void table(List<ServiceRecord> records) throws IOException {
		row(List.of(HEADERS), true);
		for (ServiceRecord record : records) {
			String title = record.activityTitle().isBlank() ? record.description() : record.activityTitle();
			String content = record.content().isBlank() ? record.description() : record.content();
			List<String> cells = List.of(record.serviceDate().toString(), title, record.place(), content,
					record.organizationName(), record.credit() ? "信用" : "荣誉", hours(record.minutes()));
			if (!fits(cells)) {
				newPage();
				row(List.of(HEADERS), true);
			}
			row(cells, false);
		}
		if (records.isEmpty()) {
			line("（暂无记录）", 10);
		}
	}

	private static final float CELL_SIZE = 8.5f;

	private static final float CELL_LEADING = 11;

	private boolean fits(List<String> cells) throws IOException {
		return this.y - height(cells) > MARGIN + 20;
	}

	private float height(List<String> cells) throws IOException {
		int lines = 1;
		for (int c = 0; c < cells.size(); c++) {
			lines = Math.max(lines, wrap(cells.get(c), COLUMNS[c] - 6, CELL_SIZE).size());
		}
		return lines * CELL_LEADING + 6;
	}

	private void row(List<String> cells, boolean header) throws IOException {
		float height = height(cells);
		float x = MARGIN;
		if (header) {
			this.page.setNonStrokingColor(0.93f, 0.96f, 0.93f);
			this.page.addRect(MARGIN, this.y - height, WIDTH, height);
			this.page.fill();
			this.page.setNonStrokingColor(0f, 0f, 0f);
		}
		this.page.setLineWidth(0.4f);
		for (int c = 0; c < cells.size(); c++) {
			this.page.addRect(x, this.y - height, COLUMNS[c], height);
			float lineY = this.y - 3 - CELL_SIZE;
			for (String part : wrap(cells.get(c), COLUMNS[c] - 6, CELL_SIZE)) {
				text(part, x + 3, lineY, CELL_SIZE);
				lineY -= CELL_LEADING;
			}
			x += COLUMNS[c];
		}
		this.page.stroke();
		this.y -= height;
	}

	private void newPage() throws IOException {
		if (this.page != null) {
			this.page.close();
		}
		PDPage next = new PDPage(PDRectangle.A4);
		this.document.addPage(next);
		this.page = new PDPageContentStream(this.document, next);
		this.y = PDRectangle.A4.getHeight() - MARGIN;
	}

	private void needs(float height) throws IOException {
		if (this.y - height < MARGIN + 20) {
			newPage();
		}
	}

	private void footers(String number) throws IOException {
		int total = this.document.getNumberOfPages();
		for (int n = 0; n < total; n++) {
			try (PDPageContentStream footer = new PDPageContentStream(this.document, this.document.getPage(n),
					PDPageContentStream.AppendMode.APPEND, true, true)) {
				this.page = footer;
				String text = "证明编号 " + number + "　第 " + (n + 1) + " 页，共 " + total + " 页";
				text(text, (PDRectangle.A4.getWidth() - width(text, 8)) / 2, MARGIN - 20, 8);
			}
		}
	}

	private void centered(String text, float size) throws IOException {
		this.y -= size;
		text(text, (PDRectangle.A4.getWidth() - width(text, size)) / 2, this.y, size);
	}

	private void right(String text, float size) throws IOException {
		this.y -= size;
		text(text, MARGIN + WIDTH - width(text, size), this.y, size);
	}

	private void line(String text, float size) throws IOException {
		this.y -= size * 1.5f;
		text(text, MARGIN, this.y, size);
	}

	private void paragraph(String text, float size) throws IOException {
		for (String part : wrap(text, WIDTH, size)) {
			line(part, size);
		}
	}

	private void text(String text, float x, float y, float size) throws IOException {
		if (text.isEmpty()) {
			return;
		}
		this.page.beginText();
		this.page.setFont(this.font, size);
		this.page.newLineAtOffset(x, y);
		this.page.showText(text);
		this.page.endText();
	}

	/** Breaks at the width, by character (Chinese has no spaces to break at). */
	private List<String> wrap(String text, float width, float size) throws IOException {
		String printable = printable(text);
		List<String> lines = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		float used = 0;
		for (int i = 0; i < printable.length();) {
			int cp = printable.codePointAt(i);
			String one = new String(Character.toChars(cp));
			float w = width(one, size);
			if (used + w > width && current.length() > 0) {
				lines.add(current.toString());
				current.setLength(0);
				used = 0;
			}
			current.append(one);
			used += w;
			i += Character.charCount(cp);
		}
		if (current.length() > 0 || lines.isEmpty()) {
			lines.add(current.toString());
		}
		return lines;
	}

	private float width(String text, float size) throws IOException {
		return this.font.getStringWidth(text) / 1000 * size;
	}

	/** Control characters become spaces, characters the font lacks a 〓 (geta mark). */
	private String printable(String text) {
		StringBuilder out = new StringBuilder(text.length());
		text.codePoints().forEach((cp) -> {
			if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
				out.append(' ');
			}
			else if (this.glyphs.getGlyphId(cp) == 0) {
				out.append('〓');
			}
			else {
				out.appendCodePoint(cp);
			}
		});
		return out.toString();
	}

	/** The QR code drawn as vector squares: sharp at any zoom and any printer. */
	private void qr(String content, float x, float y, float size) throws IOException {
		QrCode code = QrCode.of(content, ErrorCorrectionLevel.H);
		float module = size / code.size();
		List<float[]> runs = new ArrayList<>();
		code.darkRuns((row, column, length) -> runs
			.add(new float[] { x + column * module, y + size - (row + 1) * module, length * module, module }));
		for (float[] run : runs) {
			this.page.addRect(run[0], run[1], run[2], run[3]);
		}
		this.page.fill();
	}

	static String hours(long minutes) {
		return Hours.of(minutes).stripTrailingZeros().toPlainString();
	}

	private static byte[] fontBytes() throws IOException {
		byte[] bytes = fontBytes;
		if (bytes == null) {
			try (InputStream in = CertificatePdf.class.getResourceAsStream(FONT)) {
				if (in == null) {
					throw new IOException("Missing " + FONT);
				}
				bytes = in.readAllBytes();
			}
			fontBytes = bytes;
		}
		return bytes;
	}

}
