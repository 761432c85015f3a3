package org.yixing.shared;

import java.awt.image.BufferedImage;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.junit.jupiter.api.Test;
import org.yixing.test.QrCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A QR code readers read: where the standard's mask leaves a pattern a scanner misses,
 * another mask is drawn instead.
 */
class QrCodeTests {

	/** One certificate link of a CI run whose standard mask no ZXing scan could find. */
	private static final String UNLUCKY = "http://127.0.0.1:50757/verify/4T1v3IKP9mOasZXRbB5G6rEKFSFB3cK8SJ6AVgVTQT0";

	@Test
	void aCodeWhoseStandardMaskAScannerMissesIsDrawnWithAnotherMaskItReads() throws Exception {
		BitMatrix standard = new QRCodeWriter().encode(UNLUCKY, BarcodeFormat.QR_CODE, 0, 0,
				Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.H, EncodeHintType.MARGIN, 4));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> QrCodes.read(image(standard)));

		QrCode code = QrCode.of(UNLUCKY, ErrorCorrectionLevel.H);
		assertThat(code.size()).isEqualTo(standard.getWidth());
		assertThat(QrCodes.read(image(code))).isEqualTo(UNLUCKY);
	}

	@Test
	void aCodeAScannerReadsKeepsTheStandardMask() throws Exception {
		String content = "http://127.0.0.1:8080/check-in?code=123456";
		BitMatrix standard = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
				Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
		QrCode code = QrCode.of(content, ErrorCorrectionLevel.M);
		BufferedImage drawn = image(code);
		for (int y = 0; y < code.size(); y++) {
			for (int x = 0; x < code.size(); x++) {
				assertThat(drawn.getRGB(x * 10, y * 10) == 0xFF000000).as("module %d,%d", x, y)
					.isEqualTo(standard.get(x, y));
			}
		}
	}

	private static BufferedImage image(BitMatrix matrix) {
		BufferedImage image = white(matrix.getWidth());
		for (int y = 0; y < matrix.getHeight(); y++) {
			for (int x = 0; x < matrix.getWidth(); x++) {
				if (matrix.get(x, y)) {
					dark(image, y, x, 1);
				}
			}
		}
		return image;
	}

	private static BufferedImage image(QrCode code) {
		BufferedImage image = white(code.size());
		code.darkRuns((row, column, length) -> dark(image, row, column, length));
		return image;
	}

	private static BufferedImage white(int modules) {
		BufferedImage image = new BufferedImage(modules * 10, modules * 10, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				image.setRGB(x, y, 0xFFFFFF);
			}
		}
		return image;
	}

	private static void dark(BufferedImage image, int row, int column, int length) {
		for (int y = row * 10; y < row * 10 + 10; y++) {
			for (int x = column * 10; x < (column + length) * 10; x++) {
				image.setRGB(x, y, 0x000000);
			}
		}
	}

}
