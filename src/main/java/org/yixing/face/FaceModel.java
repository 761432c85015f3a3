package org.yixing.face;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.yixing.face.BlazeFace.Detection;

/**
 * Picture in, descriptor out: decode, detect (every configured detector, blended), check
 * that there is exactly one usable face, align it by a least-squares similarity transform
 * from its eyes, nose tip and mouth centre to the embedder's template, and embed. The
 * ONNX sessions are created once; ONNX Runtime sessions may be run from several threads
 * at once.
 */
final class FaceModel implements AutoCloseable {

	private final FaceSettings settings;

	private final OrtEnvironment env = OnnxEnvironment.get();

	private final List<BlazeFace> detectors = new ArrayList<>();

	private final OrtSession embedder;

	private final String embedderInput;

	private final Path temporary;

	FaceModel(FaceSettings settings) {
		this(settings, new DefaultResourceLoader());
	}

	FaceModel(FaceSettings settings, ResourceLoader resources) {
		this(settings, resources, Path.of(System.getProperty("java.io.tmpdir")));
	}

	/**
	 * @param temporary where the models inside the jar are kept as files
	 * ({@link KeptModels})
	 */
	FaceModel(FaceSettings settings, ResourceLoader resources, Path temporary) {
		this.settings = settings;
		this.temporary = temporary;
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			// One picture is one request: parallelism comes from requests, not inside
			// one.
			options.setIntraOpNumThreads(1);
			options.setInterOpNumThreads(1);
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
			for (String detector : settings.detectors()) {
				this.detectors.add(new BlazeFace(this.env, session(resources.getResource(detector), options)));
			}
			this.embedder = embedder(settings.embedder(), resources, options);
			this.embedderInput = this.embedder.getInputNames().iterator().next();
		}
		catch (OrtException | IOException ex) {
			throw new IllegalStateException("Cannot load the face models: " + ex.getMessage(), ex);
		}
	}

	private OrtSession embedder(String embedder, ResourceLoader resources, OrtSession.SessionOptions options)
			throws IOException, OrtException {
		String dlib = "dlib-tfjs:";
		if (!embedder.startsWith(dlib)) {
			return session(resources.getResource(embedder), options);
		}
		// face-api.js weights, converted here (the default's file is converted by the
		// build)
		Resource manifest = resources.getResource(embedder.substring(dlib.length()));
		Resource weights = manifest.createRelative("face_recognition_model.bin");
		try (InputStream in = manifest.getInputStream()) {
			return this.env.createSession(DlibResNet.onnx(in, read(weights)), options);
		}
	}

	/**
	 * A session that ONNX Runtime reads from a file itself: no copy of the model on the
	 * Java heap, and about 30 MB less native memory than handing it the bytes. A model
	 * inside the jar is read from its kept copy ({@link KeptModels}); where none can be
	 * kept, from a temporary file deleted once loaded.
	 */
	private OrtSession session(Resource model, OrtSession.SessionOptions options) throws IOException, OrtException {
		if (!model.exists()) {
			throw new IOException(model + " is missing (the build makes dlib_resnet29.onnx: mvn process-classes)");
		}
		if (model.isFile()) {
			return this.env.createSession(model.getFile().getPath(), options);
		}
		Optional<Path> kept = KeptModels.file(model.getURL(), this.temporary);
		if (kept.isPresent()) {
			return this.env.createSession(kept.get().toString(), options);
		}
		Path copy = Files.createTempFile("yixing-face-", ".onnx");
		try {
			try (InputStream in = model.getInputStream()) {
				Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
			}
			return this.env.createSession(copy.toString(), options);
		}
		finally {
			Files.deleteIfExists(copy);
		}
	}

	private static byte[] read(Resource resource) throws IOException {
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
	}

	/** The one face in the picture, or why there is none to compare. */
	Analysis analyse(byte[] image) {
		Picture picture = Picture.decode(image);
		if (picture == null) {
			return new Analysis(null, Problem.UNREADABLE, 0);
		}
		return analyse(picture);
	}

	Analysis analyse(Picture picture) {
		try {
			List<Detection> found = new ArrayList<>();
			for (BlazeFace detector : this.detectors) {
				found.addAll(detector.detect(picture, this.settings.minScore()));
			}
			// Each detector has blended its own anchors (MediaPipe's weighted NMS); this
			// merges the faces both models found.
			List<Detection> faces = BlazeFace.blend(found);
			if (faces.isEmpty()) {
				return new Analysis(null, Problem.NONE, 0);
			}
			Detection face = faces.stream().max((a, b) -> Float.compare(a.width(), b.width())).orElseThrow();
			// A face at least half as wide as the nearest one is a second person in
			// front of the camera; a passer-by far behind is not.
			long near = faces.stream().filter((f) -> f.width() >= face.width() / 2).count();
			if (near > 1) {
				return new Analysis(null, Problem.SEVERAL, faces.size());
			}
			if (face.eyeDistance() < this.settings.minEyeDistance()) {
				return new Analysis(null, Problem.TOO_SMALL, 1);
			}
			float[] chip = align(picture, face);
			if (brightness(chip) < this.settings.minBrightness()) {
				return new Analysis(null, Problem.TOO_DARK, 1);
			}
			return new Analysis(embed(chip), null, 1);
		}
		catch (OrtException ex) {
			throw new IllegalStateException("Face model failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The embedder's input for the face: CHW RGB 0–255, {@code size}×{@code size}, each
	 * pixel the average of up to 4×4 bilinear samples so that a large face does not
	 * alias.
	 */
	float[] align(Picture picture, Detection face) {
		int size = this.settings.size();
		float[] t = this.settings.template();
		float[] k = face.keypoints();
		// The eye on the picture's left goes to the template's left eye, whichever
		// eye the detector named first (a mirrored selfie swaps them).
		boolean swap = k[0] > k[2];
		float[] src = { swap ? k[2] : k[0], swap ? k[3] : k[1], swap ? k[0] : k[2], swap ? k[1] : k[3], k[4], k[5],
				k[6], k[7] };
		// From the template to the picture: each chip pixel looks up where it comes from.
		Similarity toPicture = Similarity.fit(t, src);
		float pixel = toPicture.scale();
		int n = Math.max(1, Math.min(4, (int) Math.ceil(pixel)));
		float[] out = new float[3 * size * size];
		float[] rgb = new float[3];
		int plane = size * size;
		for (int v = 0; v < size; v++) {
			for (int u = 0; u < size; u++) {
				float r = 0;
				float g = 0;
				float bl = 0;
				for (int sy = 0; sy < n; sy++) {
					for (int sx = 0; sx < n; sx++) {
						float qu = u + (sx + 0.5f) / n - 0.5f;
						float qv = v + (sy + 0.5f) / n - 0.5f;
						picture.sample(toPicture.x(qu, qv), toPicture.y(qu, qv), rgb);
						r += rgb[0];
						g += rgb[1];
						bl += rgb[2];
					}
				}
				int i = v * size + u;
				out[i] = r / (n * n);
				out[plane + i] = g / (n * n);
				out[2 * plane + i] = bl / (n * n);
			}
		}
		return out;
	}

	private static float brightness(float[] chip) {
		int plane = chip.length / 3;
		double sum = 0;
		for (int i = 0; i < plane; i++) {
			sum += 0.299 * chip[i] + 0.587 * chip[plane + i] + 0.114 * chip[2 * plane + i];
		}
		return (float) (sum / plane);
	}

	float[] embed(float[] chip) throws OrtException {
		int size = this.settings.size();
		float[] input = chip;
		float[] mean = this.settings.mean();
		if (this.settings.scale() != 1f || mean[0] != 0f || mean[1] != 0f || mean[2] != 0f) {
			input = new float[chip.length];
			int plane = size * size;
			for (int i = 0; i < chip.length; i++) {
				input[i] = (chip[i] - mean[i / plane]) * this.settings.scale();
			}
		}
		try (OnnxTensor tensor = OnnxTensor.createTensor(this.env, FloatBuffer.wrap(input),
				new long[] { 1, 3, size, size });
				OrtSession.Result result = this.embedder.run(Map.of(this.embedderInput, tensor))) {
			return ((float[][]) result.get(0).getValue())[0];
		}
	}

	/** 0 for the same descriptor; the threshold separates people. */
	float distance(float[] a, float[] b) {
		return distance(this.settings.metric(), a, b);
	}

	static float distance(FaceSettings.Metric metric, float[] a, float[] b) {
		if (metric == FaceSettings.Metric.COSINE) {
			double dot = 0;
			double na = 0;
			double nb = 0;
			for (int i = 0; i < a.length; i++) {
				dot += a[i] * b[i];
				na += a[i] * a[i];
				nb += b[i] * b[i];
			}
			return (float) (1 - dot / Math.sqrt(na * nb));
		}
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			double d = a[i] - b[i];
			sum += d * d;
		}
		return (float) Math.sqrt(sum);
	}

	FaceSettings settings() {
		return this.settings;
	}

	@Override
	public void close() throws OrtException {
		for (BlazeFace d : this.detectors) {
			d.close();
		}
		this.embedder.close();
	}

	/** Why a picture gives no descriptor. */
	enum Problem {

		UNREADABLE, NONE, SEVERAL, TOO_SMALL, TOO_DARK

	}

	/** Either a descriptor or a problem; {@code faces} as counted. */
	record Analysis(float @Nullable [] descriptor, @Nullable Problem problem, int faces) {
	}

}
