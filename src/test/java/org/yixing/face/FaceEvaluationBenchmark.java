package org.yixing.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yixing.face.FaceModel.Analysis;
import org.yixing.test.FaceFixtures;
import org.yixing.test.FaceFixtures.Face;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model's accuracy and speed on this machine over every fixture (docs/FACE.md): each
 * of the 20 single-face crops and its 5 altered copies (mirrored, 60 %, 150 %, darker,
 * JPEG quality 30). Genuine pairs: two pictures of the same person (the same crop
 * altered, and the one person in two different photos); impostor pairs: pictures of two
 * different people. Prints both distance distributions, false accepts and false rejects
 * at the configured threshold and around it, and the time per picture (decode, detection,
 * alignment, embedding) for the crops and for 640×480 camera frames. Run with
 * {@code bash bench/face-eval.sh}; results in {@code target/bench/face-eval.txt}.
 */
@Tag("benchmark")
class FaceEvaluationBenchmark {

	@Test
	void evaluate() throws Exception {
		FaceSettings settings = FaceModelTests.defaults();
		StringBuilder out = new StringBuilder();
		try (FaceModel model = new FaceModel(settings)) {
			List<Sample> samples = new ArrayList<>();
			for (Face face : FaceFixtures.faces()) {
				Map<String, byte[]> pictures = new LinkedHashMap<>();
				pictures.put("original", face.jpeg());
				pictures.putAll(face.variants());
				for (Map.Entry<String, byte[]> p : pictures.entrySet()) {
					samples.add(new Sample(face.name() + " " + p.getKey(), face.person(), face.name(), p.getValue()));
				}
			}
			// Warm up, then time every picture.
			for (int i = 0; i < 10; i++) {
				model.analyse(samples.get(i).jpeg());
			}
			List<Double> millis = new ArrayList<>();
			List<String> unusable = new ArrayList<>();
			for (Sample s : samples) {
				long start = System.nanoTime();
				Analysis a = model.analyse(s.jpeg());
				millis.add((System.nanoTime() - start) / 1e6);
				s.descriptor = a.descriptor();
				if (a.descriptor() == null) {
					unusable.add(s.name() + ": " + a.problem());
				}
			}
			List<Double> camera = new ArrayList<>();
			for (Face face : FaceFixtures.faces()) {
				byte[] frame = cameraFrame(face);
				model.analyse(frame);
				long start = System.nanoTime();
				model.analyse(frame);
				camera.add((System.nanoTime() - start) / 1e6);
			}
			List<Double> genuine = new ArrayList<>();
			List<Double> impostor = new ArrayList<>();
			for (int i = 0; i < samples.size(); i++) {
				for (int j = i + 1; j < samples.size(); j++) {
					Sample a = samples.get(i);
					Sample b = samples.get(j);
					if (a.descriptor == null || b.descriptor == null) {
						continue;
					}
					double d = model.distance(a.descriptor, b.descriptor);
					(a.person().equals(b.person()) ? genuine : impostor).add(d);
				}
			}
			float t = settings.threshold();
			out.append(String.format(Locale.ROOT,
					"Face model evaluation: %d pictures of %d people (%d crops x 6), %d unusable%n", samples.size(),
					samples.stream().map(Sample::person).distinct().count(), FaceFixtures.faces().size(),
					unusable.size()));
			unusable.forEach((u) -> out.append("  unusable: ").append(u).append('\n'));
			out.append(String.format(Locale.ROOT, "Metric %s, threshold %.2f (same person when distance <= it)%n%n",
					settings.metric(), t));
			out.append("distance   pairs   min    p5     p50    p95    max\n");
			out.append(row("genuine", genuine)).append(row("impostor", impostor));
			out.append("\nthreshold  false accepts           false rejects\n");
			for (double th = 0.40; th <= 0.601; th += 0.02) {
				final double thr = th;
				long fa = impostor.stream().filter((d) -> d <= thr).count();
				long fr = genuine.stream().filter((d) -> d > thr).count();
				out.append(String.format(Locale.ROOT, "%s%.2f      %5d / %-5d (%6.3f%%)  %4d / %-4d (%6.3f%%)%n",
						Math.abs(th - t) < 1e-6 ? "*" : " ", th, fa, impostor.size(), 100.0 * fa / impostor.size(), fr,
						genuine.size(), 100.0 * fr / genuine.size()));
			}
			out.append(String.format(Locale.ROOT, "%nTime per picture on %d cores, one at a time (ms)%n",
					Runtime.getRuntime().availableProcessors()));
			out.append("                                 n    p50    p95    max\n");
			out.append(timeRow("crops 330-590 px and altered copies", millis));
			out.append(timeRow("640x480 camera frames", camera));
			long fa = impostor.stream().filter((d) -> d <= t).count();
			long fr = genuine.stream().filter((d) -> d > t).count();
			out.append(String.format(Locale.ROOT, "%nAt %.2f: %d false accepts, %d false rejects.%n", t, fa, fr));
		}
		Path file = Path.of("target/bench/face-eval.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, out);
		System.out.print(out);
		assertThat(out).contains("At ");
	}

	/**
	 * The face as the camera page sends it: 640×480, the face in the middle, JPEG 90 %.
	 */
	static byte[] cameraFrame(Face face) throws IOException {
		java.awt.image.BufferedImage frame = new java.awt.image.BufferedImage(640, 480,
				java.awt.image.BufferedImage.TYPE_INT_RGB);
		java.awt.Graphics2D g = frame.createGraphics();
		g.setColor(java.awt.Color.GRAY);
		g.fillRect(0, 0, 640, 480);
		g.drawImage(face.image(), 80, 0, 480, 480, null);
		g.dispose();
		return FaceFixtures.jpeg(frame, 0.9f);
	}

	private static String row(String name, List<Double> values) {
		double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return String.format(Locale.ROOT, "%-9s %6d   %.3f  %.3f  %.3f  %.3f  %.3f%n", name, v.length, v[0], pct(v, 5),
				pct(v, 50), pct(v, 95), v[v.length - 1]);
	}

	private static String timeRow(String name, List<Double> values) {
		double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return String.format(Locale.ROOT, "%-35s %3d %6.1f %6.1f %6.1f%n", name, v.length, pct(v, 50), pct(v, 95),
				v[v.length - 1]);
	}

	static double pct(double[] sorted, double p) {
		int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
	}

	static final class Sample {

		private final String name;

		private final String person;

		private final String crop;

		private final byte[] jpeg;

		float[] descriptor;

		Sample(String name, String person, String crop, byte[] jpeg) {
			this.name = name;
			this.person = person;
			this.crop = crop;
			this.jpeg = jpeg;
		}

		String name() {
			return this.name;
		}

		String person() {
			return this.person;
		}

		String crop() {
			return this.crop;
		}

		byte[] jpeg() {
			return this.jpeg;
		}

	}

}
