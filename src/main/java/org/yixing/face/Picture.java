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
					Picture picture = of(reader.read(0));
					return format.equals("jpeg") ? picture.oriented(exifOrientation(bytes)) : picture;
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

	/**
	 * The EXIF orientation of a JPEG (1–8; 1, upright, when there is none): how a camera
	 * that stored its pixels sideways says which way is up.
	 */
	static int exifOrientation(byte[] jpeg) {
		int at = 2;
		while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
			int marker = jpeg[at + 1] & 0xFF;
			int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
			if (marker == 0xDA || length < 2) {
				break;
			}
			int start = at + 4;
			if (marker == 0xE1 && start + 14 <= jpeg.length && jpeg[start] == 'E' && jpeg[start + 1] == 'x'
					&& jpeg[start + 2] == 'i' && jpeg[start + 3] == 'f') {
				int tiff = start + 6;
				boolean little = jpeg[tiff] == 'I';
				int ifd = tiff + (int) read(jpeg, tiff + 4, 4, little);
				if (ifd + 2 > jpeg.length || ifd < tiff) {
					return 1;
				}
				int entries = (int) read(jpeg, ifd, 2, little);
				for (int i = 0; i < entries; i++) {
					int entry = ifd + 2 + 12 * i;
					if (entry + 12 > jpeg.length) {
						return 1;
					}
					if (read(jpeg, entry, 2, little) == 0x0112) {
						int value = (int) read(jpeg, entry + 8, 2, little);
						return (value >= 1 && value <= 8) ? value : 1;
					}
				}
				return 1;
			}
			at += 2 + length;
		}
		return 1;
	}

	private static long read(byte[] bytes, int at, int size, boolean little) {
		long value = 0;
		for (int i = 0; i < size; i++) {
			int b = bytes[at + (little ? size - 1 - i : i)] & 0xFF;
			value = (value << 8) | b;
		}
		return value;
	}

	/** The picture turned upright for its EXIF orientation. */
	Picture oriented(int orientation) {
		if (orientation <= 1 || orientation > 8) {
			return this;
		}
		int w = this.width;
		int h = this.height;
		boolean swap = orientation >= 5;
		int ow = swap ? h : w;
		int oh = swap ? w : h;
		int[] out = new int[ow * oh];
		for (int y = 0; y < oh; y++) {
			for (int x = 0; x < ow; x++) {
				int sx;
				int sy;
				switch (orientation) {
					case 2 -> {
						sx = w - 1 - x;
						sy = y;
					}
					case 3 -> {
						sx = w - 1 - x;
						sy = h - 1 - y;
					}
					case 4 -> {
						sx = x;
						sy = h - 1 - y;
					}
					case 5 -> {
						sx = y;
						sy = x;
					}
					case 6 -> {
						sx = y;
						sy = h - 1 - x;
					}
					case 7 -> {
						sx = w - 1 - y;
						sy = h - 1 - x;
					}
					default -> {
						sx = w - 1 - y;
						sy = x;
					}
				}
				out[y * ow + x] = this.rgb[sy * w + sx];
			}
		}
		return new Picture(ow, oh, out);
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
