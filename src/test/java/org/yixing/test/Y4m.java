package org.yixing.test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-frame YUV4MPEG2 (4:2:0, full-range BT.601) video of a picture, for Chromium's
 * fake camera ({@code --use-file-for-fake-video-capture}), which plays it in a loop.
 */
public final class Y4m {

	private Y4m() {
	}

	/** The picture centred on a grey 640×480 frame, as high as the frame. */
	public static Path write(BufferedImage picture, Path file) throws IOException {
		return write(java.util.List.of(picture), 1, 30, file);
	}

	/**
	 * A video of these pictures one after the other, each {@code framesEach} frames at
	 * {@code fps} (Chromium's fake camera plays it in a loop).
	 */
	public static Path write(java.util.List<BufferedImage> pictures, int framesEach, int fps, Path file)
			throws IOException {
		Files.createDirectories(file.getParent());
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(("YUV4MPEG2 W640 H480 F" + fps + ":1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
			for (BufferedImage picture : pictures) {
				byte[] frame = frame(picture);
				for (int i = 0; i < framesEach; i++) {
					out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
					out.write(frame);
				}
			}
		}
		return file;
	}

	/** One 4:2:0 frame: Y, then U, then V. */
	private static byte[] frame(BufferedImage picture) {
		int w = 640;
		int h = 480;
		BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = frame.createGraphics();
		g.setColor(new Color(128, 128, 128));
		g.fillRect(0, 0, w, h);
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
		int pw = picture.getWidth() * h / picture.getHeight();
		g.drawImage(picture, (w - pw) / 2, 0, pw, h, null);
		g.dispose();
		byte[] y = new byte[w * h];
		byte[] u = new byte[(w / 2) * (h / 2)];
		byte[] v = new byte[(w / 2) * (h / 2)];
		for (int row = 0; row < h; row++) {
			for (int col = 0; col < w; col++) {
				int p = frame.getRGB(col, row);
				int r = (p >> 16) & 0xFF;
				int gr = (p >> 8) & 0xFF;
				int b = p & 0xFF;
				y[row * w + col] = (byte) clamp(0.299 * r + 0.587 * gr + 0.114 * b);
			}
		}
		for (int row = 0; row < h / 2; row++) {
			for (int col = 0; col < w / 2; col++) {
				double r = 0;
				double gr = 0;
				double b = 0;
				for (int dy = 0; dy < 2; dy++) {
					for (int dx = 0; dx < 2; dx++) {
						int p = frame.getRGB(col * 2 + dx, row * 2 + dy);
						r += ((p >> 16) & 0xFF) / 4.0;
						gr += ((p >> 8) & 0xFF) / 4.0;
						b += (p & 0xFF) / 4.0;
					}
				}
				u[row * (w / 2) + col] = (byte) clamp(-0.168736 * r - 0.331264 * gr + 0.5 * b + 128);
				v[row * (w / 2) + col] = (byte) clamp(0.5 * r - 0.418688 * gr - 0.081312 * b + 128);
			}
		}
		byte[] all = new byte[y.length + u.length + v.length];
		System.arraycopy(y, 0, all, 0, y.length);
		System.arraycopy(u, 0, all, y.length, u.length);
		System.arraycopy(v, 0, all, y.length + u.length, v.length);
		return all;
	}

	private static int clamp(double value) {
		return (int) Math.max(0, Math.min(255, Math.round(value)));
	}

}
