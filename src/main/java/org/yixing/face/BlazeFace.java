package org.yixing.face;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * MediaPipe BlazeFace as ONNX: a square NHWC RGB input in [-1, 1]; per anchor a score
 * logit and 16 regressors (box centre offset and size, then six keypoints: both eyes, the
 * nose tip, the mouth centre and both ears). Anchors lie on a 16×16 grid with two per
 * cell, then an 8×8 grid with six per cell, each at its cell's centre; offsets are in
 * input pixels. Overlapping detections are blended, weighted by score (MediaPipe's
 * weighted non-maximum suppression).
 */
final class BlazeFace implements AutoCloseable {

	private static final float MIN_IOU = 0.3f;

	private final OrtEnvironment env;

	private final OrtSession session;

	private final String input;

	private final int size;

	BlazeFace(OrtEnvironment env, OrtSession session) throws OrtException {
		this.env = env;
		this.session = session;
		Map.Entry<String, NodeInfo> in = this.session.getInputInfo().entrySet().iterator().next();
		this.input = in.getKey();
		this.size = (int) ((TensorInfo) in.getValue().getInfo()).getShape()[1];
	}

	/** The faces in the picture, in picture pixels, most confident first. */
	List<Detection> detect(Picture picture, float minScore) throws OrtException {
		float[] pixels = picture.letterboxed(this.size);
		List<Detection> raw = new ArrayList<>();
		try (OnnxTensor tensor = OnnxTensor.createTensor(this.env, FloatBuffer.wrap(pixels),
				new long[] { 1, this.size, this.size, 3 });
				OrtSession.Result result = this.session.run(Map.of(this.input, tensor))) {
			List<float[][]> scores = new ArrayList<>();
			List<float[][]> boxes = new ArrayList<>();
			for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
				float[][] values = ((float[][][]) e.getValue().getValue())[0];
				(values[0].length == 1 ? scores : boxes).add(values);
			}
			int side = Math.max(picture.width(), picture.height());
			float offX = (side - picture.width()) / 2f;
			float offY = (side - picture.height()) / 2f;
			for (int layer = 0; layer < scores.size(); layer++) {
				float[][] s = scores.get(layer);
				float[][] b = boxes.stream().filter((x) -> x.length == s.length).findFirst().orElseThrow();
				int perCell = (s.length == 512) ? 2 : 6;
				int cells = (int) Math.round(Math.sqrt(s.length / (double) perCell));
				for (int i = 0; i < s.length; i++) {
					float score = (float) (1 / (1 + Math.exp(-s[i][0])));
					if (score < minScore) {
						continue;
					}
					int cell = i / perCell;
					float ax = ((cell % cells) + 0.5f) / cells;
					float ay = ((cell / cells) + 0.5f) / cells;
					float[] r = b[i];
					float[] keypoints = new float[12];
					for (int k = 0; k < 6; k++) {
						keypoints[2 * k] = (ax + r[4 + 2 * k] / this.size) * side - offX;
						keypoints[2 * k + 1] = (ay + r[5 + 2 * k] / this.size) * side - offY;
					}
					raw.add(new Detection(score, (ax + r[0] / this.size) * side - offX,
							(ay + r[1] / this.size) * side - offY, r[2] / this.size * side, r[3] / this.size * side,
							keypoints));
				}
			}
		}
		return blend(raw);
	}

	/** Weighted non-maximum suppression over detections from one or more detectors. */
	static List<Detection> blend(List<Detection> detections) {
		List<Detection> rest = new ArrayList<>(detections);
		rest.sort(Comparator.comparingDouble(Detection::score).reversed());
		List<Detection> out = new ArrayList<>();
		while (!rest.isEmpty()) {
			Detection best = rest.get(0);
			List<Detection> group = new ArrayList<>();
			for (Detection d : rest) {
				if (best.iou(d) >= MIN_IOU) {
					group.add(d);
				}
			}
			rest.removeAll(group);
			float total = 0;
			float cx = 0;
			float cy = 0;
			float w = 0;
			float h = 0;
			float[] k = new float[12];
			for (Detection d : group) {
				total += d.score();
				cx += d.score() * d.cx();
				cy += d.score() * d.cy();
				w += d.score() * d.width();
				h += d.score() * d.height();
				for (int i = 0; i < 12; i++) {
					k[i] += d.score() * d.keypoints()[i];
				}
			}
			for (int i = 0; i < 12; i++) {
				k[i] /= total;
			}
			out.add(new Detection(best.score(), cx / total, cy / total, w / total, h / total, k));
		}
		return out;
	}

	@Override
	public void close() throws OrtException {
		this.session.close();
	}

	/**
	 * A face: confidence, box centre and size, and six keypoints (x, y pairs: the eye on
	 * the picture's left, the other eye, nose tip, mouth centre, two ears), in pixels.
	 */
	record Detection(float score, float cx, float cy, float width, float height, float[] keypoints) {

		float iou(Detection o) {
			float x0 = Math.max(this.cx - this.width / 2, o.cx - o.width / 2);
			float y0 = Math.max(this.cy - this.height / 2, o.cy - o.height / 2);
			float x1 = Math.min(this.cx + this.width / 2, o.cx + o.width / 2);
			float y1 = Math.min(this.cy + this.height / 2, o.cy + o.height / 2);
			float inner = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
			return inner / (this.width * this.height + o.width * o.height - inner);
		}

		float eyeDistance() {
			return (float) Math.hypot(this.keypoints[2] - this.keypoints[0], this.keypoints[3] - this.keypoints[1]);
		}

	}

}
