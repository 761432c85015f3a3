package org.yixing.activity;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.yixing.shared.QrCode;

/**
 * The QR code on the projected 签到码 page: an SVG of the volunteer app's check-in address
 * with the code filled in, one rectangle per dark module run ({@link QrCode}: a mask
 * readers read).
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
			.append("\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
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
