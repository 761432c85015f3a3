package org.yixing.face;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.jspecify.annotations.Nullable;

/**
 * A decoded picture as packed RGB pixels. Only JPEG and PNG are read, and only up to
 * {@link #MAX_SIDE} pixels a side, checked before the pixels are decoded.
 */
record Picture(int width, int height, int[] rgb) {

	static final int MAX_SIDE = 4096;

	/**
	 * The picture, or {@code null} when the bytes are not a JPEG or PNG of a sane size.
	 */
	static @Nullable Picture decode(byte[] bytes) {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			if (in == null) {
				return null;
			}
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			while (readers.hasNext()) {
				ImageReader reader = readers.next();
				String format = reader.getFormatName().toLowerCase();
				if (!format.equals("jpeg") && !format.equals("png")) {
					continue;
				}
				try {
					reader.setInput(in, true, true);
					int w = reader.getWidth(0);
					int h = reader.getHeight(0);
					if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE) {
						return null;
					}
					return of(reader.read(0));
				}
				finally {
					reader.dispose();
				}
			}
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	static Picture of(BufferedImage image) {
		int w = image.getWidth();
		int h = image.getHeight();
		return new Picture(w, h, image.getRGB(0, 0, w, h, null, 0, w));
	}

	/**
	 * The picture centred on a black square of its longer side, scaled to
	 * {@code size}×{@code size} by averaging the source pixels under each target pixel
	 * (so that a large photo does not alias). Returns NHWC RGB in [-1, 1].
	 */
	float[] letterboxed(int size) {
		int side = Math.max(this.width, this.height);
		int offX = (side - this.width) / 2;
		int offY = (side - this.height) / 2;
		float step = (float) side / size;
		float[] out = new float[size * size * 3];
		for (int ty = 0; ty < size; ty++) {
			int y0 = (int) (ty * step) - offY;
			int y1 = Math.max(y0 + 1, (int) ((ty + 1) * step) - offY);
			for (int tx = 0; tx < size; tx++) {
				int x0 = (int) (tx * step) - offX;
				int x1 = Math.max(x0 + 1, (int) ((tx + 1) * step) - offX);
				long r = 0;
				long g = 0;
				long b = 0;
				int n = 0;
				for (int y = Math.max(0, y0); y < Math.min(this.height, y1); y++) {
					int row = y * this.width;
					for (int x = Math.max(0, x0); x < Math.min(this.width, x1); x++) {
						int p = this.rgb[row + x];
						r += (p >> 16) & 0xFF;
						g += (p >> 8) & 0xFF;
						b += p & 0xFF;
						n++;
					}
				}
				int i = (ty * size + tx) * 3;
				float area = (float) (y1 - y0) * (x1 - x0);
				// Pixels outside the picture are black: they count in the average as
				// zero.
				out[i] = (n == 0) ? -1f : r / area / 127.5f - 1f;
				out[i + 1] = (n == 0) ? -1f : g / area / 127.5f - 1f;
				out[i + 2] = (n == 0) ? -1f : b / area / 127.5f - 1f;
			}
		}
		return out;
	}

	/** Bilinear RGB at ({@code x}, {@code y}); outside the picture, the nearest edge. */
	void sample(float x, float y, float[] into) {
		float cx = Math.max(0, Math.min(this.width - 1, x));
		float cy = Math.max(0, Math.min(this.height - 1, y));
		int x0 = (int) cx;
		int y0 = (int) cy;
		int x1 = Math.min(this.width - 1, x0 + 1);
		int y1 = Math.min(this.height - 1, y0 + 1);
		float fx = cx - x0;
		float fy = cy - y0;
		int p00 = this.rgb[y0 * this.width + x0];
		int p01 = this.rgb[y0 * this.width + x1];
		int p10 = this.rgb[y1 * this.width + x0];
		int p11 = this.rgb[y1 * this.width + x1];
		for (int c = 0; c < 3; c++) {
			int shift = 16 - 8 * c;
			float top = ((p00 >> shift) & 0xFF) * (1 - fx) + ((p01 >> shift) & 0xFF) * fx;
			float bottom = ((p10 >> shift) & 0xFF) * (1 - fx) + ((p11 >> shift) & 0xFF) * fx;
			into[c] = top * (1 - fy) + bottom * fy;
		}
	}

}
