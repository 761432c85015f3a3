package org.yixing.face;

import java.io.InputStream;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class EmbedderBuildTests {

	@Test
	void theBuiltRecogniserIsTheConversionOfTheCommittedWeights() throws Exception {
		byte[] converted;
		try (InputStream manifest = new ClassPathResource(
				"face/dlib-resnet/face_recognition_model-weights_manifest.json")
			.getInputStream()) {
			converted = DlibResNet.onnx(manifest,
					new ClassPathResource("face/dlib-resnet/face_recognition_model.bin").getContentAsByteArray());
		}
		byte[] built = new ClassPathResource("face/dlib-resnet/dlib_resnet29.onnx").getContentAsByteArray();
		assertThat(built).as("target/classes/face/dlib-resnet/dlib_resnet29.onnx, from mvn process-classes")
			.isEqualTo(converted);
	}

}
