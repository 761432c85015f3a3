package org.yixing.face;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The face models and their constants (docs/FACE.md), so that an operator can drop in a
 * detector or an embedder they hold a licence for without a code change.
 *
 * @param detectors BlazeFace-layout ONNX detectors (input NHWC RGB in [-1, 1]; scores and
 * 16 regressors per anchor), each run on the whole picture; their detections are merged
 * @param minScore a detection's least confidence
 * @param embedder the descriptor network: an ONNX file taking {@code [N,3,size,size]} (by
 * default the dlib recogniser the build converts from the face-api.js weights), or
 * {@code dlib-tfjs:<manifest>} (face-api.js weights, converted at start)
 * @param size the embedder's input side in pixels
 * @param mean subtracted from each RGB channel (0–255) before the embedder, when its
 * graph does not do it itself
 * @param scale what the difference is multiplied by
 * @param template where the two eyes, the nose tip and the mouth centre go in the
 * embedder's input (x, y pairs, in pixels)
 * @param metric {@code EUCLIDEAN} (dlib) or {@code COSINE} (ArcFace-like models)
 * @param threshold descriptors closer than this are the same person (for COSINE: a
 * distance of 1 − similarity)
 * @param minEyeDistance the least distance between the eyes in the picture, in pixels
 * @param minBrightness the least mean brightness (0–255) of the aligned face
 * @param threads how many pictures are analysed at once (0: one per core)
 * @param queue how many wait beyond those before {@code FACE_BUSY} (0: 8 per thread,
 * about a fifth of a second of work; so that waiting pictures hold at most half of
 * Tomcat's request threads, 16 per CPU, and the quick check-ins go on during a burst of
 * faces)
 * @param maxWait the longest a request waits for its turn before {@code FACE_BUSY}
 */
@ConfigurationProperties("yixing.face")
public record FaceSettings(@DefaultValue( {
		"classpath:face/blazeface/face_detection_front_128x128_barracuda.onnx",
		"classpath:face/blazeface/face_detection_back_256x256_barracuda.onnx" }) List<String> detectors,
		@DefaultValue("0.75") float minScore,
		@DefaultValue("classpath:face/dlib-resnet/dlib_resnet29.onnx") String embedder, @DefaultValue("150") int size,
		@DefaultValue({ "0", "0", "0" }) float[] mean, @DefaultValue("1") float scale,
		@DefaultValue({ "47.55", "46.60", "100.48", "46.60", "74.01", "76.56", "74.01", "104.91" }) float[] template,
		@DefaultValue("EUCLIDEAN") Metric metric, @DefaultValue("0.5") float threshold,
		@DefaultValue("24") float minEyeDistance, @DefaultValue("30") float minBrightness,
		@DefaultValue("0") int threads, @DefaultValue("0") int queue, @DefaultValue("PT5S") Duration maxWait){

	public enum Metric {

		EUCLIDEAN, COSINE

	}

	int effectiveQueue() {
		return (this.queue > 0) ? this.queue : 8 * effectiveThreads();
	}

	int effectiveThreads() {
		return (this.threads > 0) ? this.threads : Runtime.getRuntime().availableProcessors();
	}

}
