package org.yixing.face;

import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The ONNX graph that {@link DlibResNet} builds from face-api.js's weights gives what
 * face-api.js itself gives (TensorFlow.js, CPU backend; scripts/face-api-parity.mjs) for
 * a fixed input, to every one of the 128 numbers.
 */
class DlibResNetParityTests {

	@Test
	void theConvertedNetworkMatchesFaceApiJs() throws Exception {
		float[] expected;
		try (InputStream in = getClass().getResourceAsStream("/face/face-api-parity.json")) {
			JsonNode values = JsonMapper.builder().build().readTree(in);
			expected = new float[values.size()];
			for (int i = 0; i < expected.length; i++) {
				expected[i] = (float) values.get(i).asDouble();
			}
		}
		int size = DlibResNet.SIZE;
		float[] chip = new float[3 * size * size];
		for (int c = 0; c < 3; c++) {
			for (int y = 0; y < size; y++) {
				for (int x = 0; x < size; x++) {
					chip[(c * size + y) * size + x] = (x * 7 + y * 13 + c * 101) % 256;
				}
			}
		}
		// @vladmandic/face-api divides by 255 where dlib divides by 256: compare like
		// with like (the application uses dlib's 256).
		byte[] graph;
		try (InputStream manifest = getClass()
			.getResourceAsStream("/face/dlib-resnet/face_recognition_model-weights_manifest.json");
				InputStream weights = getClass().getResourceAsStream("/face/dlib-resnet/face_recognition_model.bin")) {
			graph = DlibResNet.onnx(manifest, weights.readAllBytes(), 255f);
		}
		OrtEnvironment env = OnnxEnvironment.get();
		try (OrtSession session = env.createSession(graph);
				OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(chip),
						new long[] { 1, 3, size, size });
				OrtSession.Result result = session.run(Map.of("image", input))) {
			float[] actual = ((float[][]) result.get(0).getValue())[0];
			assertThat(actual).hasSize(128);
			for (int i = 0; i < 128; i++) {
				assertThat(actual[i]).as("descriptor[%d]", i).isCloseTo(expected[i], within(1e-6f));
			}
		}
	}

}
