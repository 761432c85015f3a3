package org.yixing.face;

import java.io.InputStream;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.yixing.test.FaceFixtures;

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

	@Test
	void weightsConvertedAtStartDescribeAFaceAsTheBuiltFileDoes() throws Exception {
		byte[] picture = FaceFixtures.face("sample5-2").jpeg();
		FaceSettings atStart = new org.springframework.boot.context.properties.bind.Binder(
				new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
						java.util.Map.of("yixing.face.threads", "1", "yixing.face.embedder",
								"dlib-tfjs:classpath:face/dlib-resnet/face_recognition_model-weights_manifest.json")))
			.bindOrCreate("yixing.face", FaceSettings.class);
		try (FaceModel built = new FaceModel(FaceModelTests.defaults()); FaceModel converted = new FaceModel(atStart)) {
			float[] expected = built.analyse(picture).descriptor();
			assertThat(expected).isNotNull();
			assertThat(converted.analyse(picture).descriptor()).isEqualTo(expected);
		}
	}

}
