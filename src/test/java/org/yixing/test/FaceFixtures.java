package org.yixing.test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Real face photos for tests: single-face crops of the demo photos that ship with
 * face-api.js (src/test/resources/face, provenance in PHOTOS-PROVENANCE.md), and altered
 * copies of them (mirrored, scaled, darker, recompressed) as a camera might deliver them.
 */
public final class FaceFixtures {

	private static final Map<Integer, BufferedImage> SAMPLES = new HashMap<>();

	private FaceFixtures() {
	}

	/** Every crop of faces.csv, in its order. */
	public static List<Face> faces() {
		List<Face> faces = new ArrayList<>();
		try (InputStream in = FaceFixtures.class.getResourceAsStream("/face/faces.csv")) {
			String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			for (String line : csv.split("\n")) {
				if (line.isBlank() || line.startsWith("#") || line.startsWith("name,")) {
					continue;
				}
				String[] f = line.strip().split(",");
				faces.add(new Face(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
						Integer.parseInt(f[4]), Integer.parseInt(f[5]), f[6]));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return faces;
	}

	public static Face face(String name) {
		return faces().stream().filter((f) -> f.name().equals(name)).findFirst().orElseThrow();
	}

	/** A whole demo photo (several people). */
	public static synchronized BufferedImage sample(int n) {
		return SAMPLES.computeIfAbsent(n, (k) -> {
			try (InputStream in = FaceFixtures.class.getResourceAsStream("/face/sample" + k + ".jpg")) {
				return ImageIO.read(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	public static byte[] sampleJpeg(int n) {
		try (InputStream in = FaceFixtures.class.getResourceAsStream("/face/sample" + n + ".jpg")) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A picture with no face at all: a smooth gradient with a few shapes. */
	public static byte[] noFace() {
		BufferedImage image = new BufferedImage(480, 640, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setPaint(new java.awt.GradientPaint(0, 0, new Color(200, 210, 230), 480, 640, new Color(90, 110, 140)));
		g.fillRect(0, 0, 480, 640);
		g.setColor(new Color(240, 240, 240));
		g.fillRect(60, 400, 360, 120);
		g.setColor(new Color(40, 60, 40));
		g.fillOval(300, 80, 120, 120);
		g.dispose();
		return jpeg(image, 0.9f);
	}

	public static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	public static byte[] jpeg(BufferedImage image, float quality) {
		BufferedImage rgb = image;
		if (image.getType() != BufferedImage.TYPE_INT_RGB) {
			rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
			Graphics2D g = rgb.createGraphics();
			g.drawImage(image, 0, 0, null);
			g.dispose();
		}
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			writer.write(null, new IIOImage(rgb, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	public static BufferedImage read(byte[] bytes) {
		try {
			return ImageIO.read(new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A crop of a demo photo.
	 *
	 * @param person crops with the same label show the same person
	 */
	public record Face(String name, int sample, int x, int y, int width, int height, String person) {

		public BufferedImage image() {
			BufferedImage whole = FaceFixtures.sample(this.sample);
			BufferedImage crop = new BufferedImage(this.width, this.height, BufferedImage.TYPE_INT_RGB);
			Graphics2D g = crop.createGraphics();
			g.drawImage(whole.getSubimage(this.x, this.y, this.width, this.height), 0, 0, null);
			g.dispose();
			return crop;
		}

		public byte[] jpeg() {
			return FaceFixtures.jpeg(image(), 0.92f);
		}

		/** The same face as a camera or an upload might alter it. */
		public Map<String, byte[]> variants() {
			Map<String, byte[]> out = new java.util.LinkedHashMap<>();
			BufferedImage image = image();
			out.put("mirrored", FaceFixtures.jpeg(mirrored(image), 0.92f));
			out.put("scaled to 60%", FaceFixtures.jpeg(scaled(image, 0.6), 0.92f));
			out.put("scaled to 150%", FaceFixtures.jpeg(scaled(image, 1.5), 0.92f));
			out.put("darker", FaceFixtures.jpeg(brightness(image, 0.7f), 0.92f));
			out.put("recompressed at quality 30", FaceFixtures.jpeg(image, 0.3f));
			return out;
		}

	}

	public static BufferedImage mirrored(BufferedImage image) {
		BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.drawImage(image, image.getWidth(), 0, -image.getWidth(), image.getHeight(), null);
		g.dispose();
		return out;
	}

	public static BufferedImage scaled(BufferedImage image, double factor) {
		int w = (int) Math.round(image.getWidth() * factor);
		int h = (int) Math.round(image.getHeight() * factor);
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
		g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
		g.drawImage(image.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
		g.dispose();
		return out;
	}

	public static BufferedImage brightness(BufferedImage image, float factor) {
		BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int p = image.getRGB(x, y);
				int r = Math.min(255, Math.round(((p >> 16) & 0xFF) * factor));
				int g = Math.min(255, Math.round(((p >> 8) & 0xFF) * factor));
				int b = Math.min(255, Math.round((p & 0xFF) * factor));
				out.setRGB(x, y, (r << 16) | (g << 8) | b);
			}
		}
		return out;
	}

}
