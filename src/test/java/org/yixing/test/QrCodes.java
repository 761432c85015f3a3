package org.yixing.test;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * Reads a QR code from an image as a phone's scanner does: QR codes only (a reader of
 * every format once took a run of modules for a bar code), trying harder, and over a few
 * frames of different sizes, as a hand moves the phone closer.
 */
public final class QrCodes {

	private QrCodes() {
	}

	/** The text of the one QR code in the image, read at its size or at a smaller one. */
	public static String read(BufferedImage image) throws NotFoundException {
		for (double scale : List.of(1.0, 0.7, 0.5)) {
			try {
				return new QRCodeReader().decode(
						new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(scaled(image, scale)))),
						Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.POSSIBLE_FORMATS,
								List.of(BarcodeFormat.QR_CODE)))
					.getText();
			}
			catch (ReaderException ex) {
				// the next frame
			}
		}
		throw NotFoundException.getNotFoundInstance();
	}

	private static BufferedImage scaled(BufferedImage image, double scale) {
		if (scale == 1.0) {
			return image;
		}
		int width = (int) (image.getWidth() * scale);
		int height = (int) (image.getHeight() * scale);
		BufferedImage smaller = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		java.awt.Graphics2D graphics = smaller.createGraphics();
		graphics.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
				java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		graphics.drawImage(image, 0, 0, width, height, null);
		graphics.dispose();
		return smaller;
	}

}
