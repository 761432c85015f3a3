package org.yixing.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed model files and test photos are byte for byte what their provenance files
 * say (package, version, sha256), and every such file is listed there.
 */
class FaceModelProvenanceTests {

	private static final Pattern ROW = Pattern.compile("^\\| ([^ |]+)[^|]*\\| ([0-9a-f]{64}) \\|$", Pattern.MULTILINE);

	@Test
	void modelFilesMatchTheirProvenance() throws Exception {
		Path folder = Path.of("src/main/resources/face");
		Map<String, String> listed = rows(folder.resolve("PROVENANCE.md"));
		assertThat(listed).containsOnlyKeys("blazeface/face_detection_front_128x128_barracuda.onnx",
				"blazeface/face_detection_back_256x256_barracuda.onnx", "blazeface/LICENSE",
				"dlib-resnet/face_recognition_model-weights_manifest.json", "dlib-resnet/face_recognition_model.bin",
				"dlib-resnet/LICENSE-face-api");
		for (Map.Entry<String, String> row : listed.entrySet()) {
			assertThat(sha256(folder.resolve(row.getKey()))).as(row.getKey()).isEqualTo(row.getValue());
		}
	}

	@Test
	void testPhotosMatchTheirProvenance() throws Exception {
		Path folder = Path.of("src/test/resources/face");
		Map<String, String> listed = rows(folder.resolve("PHOTOS-PROVENANCE.md"));
		assertThat(listed).containsOnlyKeys("sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg",
				"sample6.jpg");
		for (Map.Entry<String, String> row : listed.entrySet()) {
			assertThat(sha256(folder.resolve(row.getKey()))).as(row.getKey()).isEqualTo(row.getValue());
		}
	}

	private static Map<String, String> rows(Path file) throws IOException {
		Map<String, String> rows = new LinkedHashMap<>();
		Matcher m = ROW.matcher(Files.readString(file));
		while (m.find()) {
			rows.put(m.group(1), m.group(2));
		}
		return rows;
	}

	private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

}
