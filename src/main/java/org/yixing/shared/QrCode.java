package org.yixing.shared;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.jspecify.annotations.Nullable;

/**
 * A QR code that readers actually read. The standard's mask penalty picks the mask, but
 * for about one content in a hundred the chosen mask leaves a pattern that fools a
 * finder-pattern detector (ZXing's, and the many scanners built on it) at some scales. So
 * each mask, the standard's choice first, is read back at a few scales, whole and between
 * pixels as a screen or a scan blurs it, and the first one read at every scale is kept.
 */
public final class QrCode {

	/** Pixels per module: whole, and between pixels as a camera or a renderer sees it. */
	private static final List<Double> SCALES = List.of(3.0, 4.4, 6.7);

	private static final int QUIET_ZONE = 4;

	private final BitMatrix matrix;

	private QrCode(BitMatrix matrix) {
		this.matrix = matrix;
	}

	/** The code for {@code content}, with a four-module quiet zone included. */
	public static QrCode of(String content, ErrorCorrectionLevel level) {
		BitMatrix first = encode(content, level, null);
		if (readable(first, content)) {
			return new QrCode(first);
		}
		for (int mask = 0; mask < 8; mask++) {
			BitMatrix masked = encode(content, level, mask);
			if (readable(masked, content)) {
				return new QrCode(masked);
			}
		}
		return new QrCode(first);
	}

	/** Modules per side, the quiet zone included. */
	public int size() {
		return this.matrix.getWidth();
	}

	/** Each horizontal run of dark modules, row by row. */
	public void darkRuns(Run run) {
		for (int row = 0; row < size(); row++) {
			int col = 0;
			while (col < size()) {
				if (!this.matrix.get(col, row)) {
					col++;
					continue;
				}
				int start = col;
				while (col < size() && this.matrix.get(col, row)) {
					col++;
				}
				run.accept(row, start, col - start);
			}
		}
	}

	/** One run of dark modules: its row, its first column, and its length. */
	@FunctionalInterface
	public interface Run {

		void accept(int row, int column, int length);

	}

	private static BitMatrix encode(String content, ErrorCorrectionLevel level, @Nullable Integer mask) {
		Map<EncodeHintType, Object> hints = new HashMap<>();
		hints.put(EncodeHintType.ERROR_CORRECTION, level);
		hints.put(EncodeHintType.MARGIN, QUIET_ZONE);
		if (mask != null) {
			hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
		}
		try {
			return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, hints);
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("Cannot encode a QR code of " + content.length() + " characters", ex);
		}
	}

	private static boolean readable(BitMatrix matrix, String content) {
		for (double scale : SCALES) {
			int side = (int) Math.ceil(matrix.getWidth() * scale);
			byte[] luminance = render(matrix, scale, side);
			try {
				String read = new QRCodeReader()
					.decode(new BinaryBitmap(new HybridBinarizer(
							new PlanarYUVLuminanceSource(luminance, side, side, 0, 0, side, side, false))),
							Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
					.getText();
				if (!content.equals(read)) {
					return false;
				}
			}
			catch (ReaderException ex) {
				return false;
			}
		}
		return true;
	}

	/** Grey levels by area coverage, as an anti-aliasing renderer draws the modules. */
	private static byte[] render(BitMatrix matrix, double scale, int side) {
		byte[] luminance = new byte[side * side];
		int modules = matrix.getWidth();
		for (int py = 0; py < side; py++) {
			double y0 = py / scale;
			double y1 = (py + 1) / scale;
			for (int px = 0; px < side; px++) {
				double x0 = px / scale;
				double x1 = (px + 1) / scale;
				double dark = 0;
				for (int my = (int) y0; my < Math.min(modules, Math.ceil(y1)); my++) {
					double h = Math.min(y1, my + 1) - Math.max(y0, my);
					for (int mx = (int) x0; mx < Math.min(modules, Math.ceil(x1)); mx++) {
						if (matrix.get(mx, my)) {
							dark += h * (Math.min(x1, mx + 1) - Math.max(x0, mx));
						}
					}
				}
				luminance[py * side + px] = (byte) Math.round(255 * (1 - dark * scale * scale));
			}
		}
		return luminance;
	}

}
