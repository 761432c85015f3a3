package org.yixing.activity;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.yixing.shared.QrCode;

/**
 * The QR codes of the console's pages (the projected 签到码, 报名海报): an SVG of a volunteer
 * app address, one rectangle per dark module run ({@link QrCode}: a mask readers read).
 * The page's element around it names it (role img and a label); the SVG itself is hidden
 * from screen readers.
 */
final class CheckInQrCode {

	private CheckInQrCode() {
	}

	static String svg(String content) {
		QrCode code = QrCode.of(content, ErrorCorrectionLevel.M);
		int size = code.size();
		StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(size)
			.append(' ')
			.append(size)
			.append("\" shape-rendering=\"crispEdges\" aria-hidden=\"true\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
		code.darkRuns((row, column, length) -> svg.append("<rect x=\"")
			.append(column)
			.append("\" y=\"")
			.append(row)
			.append("\" width=\"")
			.append(length)
			.append("\" height=\"1\"/>"));
		return svg.append("</svg>").toString();
	}

}
