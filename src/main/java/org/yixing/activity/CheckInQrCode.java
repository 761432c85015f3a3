package org.yixing.activity;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * The QR code on the projected 签到码 page: an SVG of the volunteer app's check-in address
 * with the code filled in, drawn by ZXing, one rectangle per dark module run.
 */
final class CheckInQrCode {

	private CheckInQrCode() {
	}

	static String svg(String content) {
		BitMatrix matrix;
		try {
			matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
		}
		catch (WriterException ex) {
			throw new IllegalStateException(ex);
		}
		int size = matrix.getWidth();
		StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(size)
			.append(' ')
			.append(size)
			.append("\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
		for (int y = 0; y < size; y++) {
			int x = 0;
			while (x < size) {
				if (!matrix.get(x, y)) {
					x++;
					continue;
				}
				int start = x;
				while (x < size && matrix.get(x, y)) {
					x++;
				}
				svg.append("<rect x=\"")
					.append(start)
					.append("\" y=\"")
					.append(y)
					.append("\" width=\"")
					.append(x - start)
					.append("\" height=\"1\"/>");
			}
		}
		return svg.append("</svg>").toString();
	}

}
