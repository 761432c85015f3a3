package org.yixing.face;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.yixing.face.FaceModel.Analysis;
import org.yixing.face.FaceModel.Problem;
import org.yixing.test.FaceFixtures;
import org.yixing.test.FaceFixtures.Face;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model stack on real photos (RULES §7: a real face model, not image hashing): the
 * same face passes however a camera alters it, different people fail, and pictures
 * without exactly one usable face say why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceModelTests {

	FaceModel model;

	float threshold;

	final Map<String, float[]> descriptors = new LinkedHashMap<>();

	@BeforeAll
	void load() {
		this.model = new FaceModel(defaults());
		this.threshold = this.model.settings().threshold();
		for (Face face : FaceFixtures.faces()) {
			Analysis analysis = this.model.analyse(face.jpeg());
			assertThat(analysis.problem()).as(face.name()).isNull();
			this.descriptors.put(face.name(), analysis.descriptor());
		}
	}

	@AfterAll
	void close() throws Exception {
		this.model.close();
	}

	static FaceSettings defaults() {
		return new Binder(new MapConfigurationPropertySource(Map.of("yixing.face.threads", "1")))
			.bindOrCreate("yixing.face", FaceSettings.class);
	}

	@Test
	void theSameFaceMatchesMirroredScaledDarkerAndRecompressed() {
		List<String> failures = new ArrayList<>();
		for (Face face : FaceFixtures.faces()) {
			for (Map.Entry<String, byte[]> variant : face.variants().entrySet()) {
				Analysis analysis = this.model.analyse(variant.getValue());
				if (analysis.descriptor() == null) {
					failures.add(face.name() + " " + variant.getKey() + ": " + analysis.problem());
					continue;
				}
				float d = this.model.distance(this.descriptors.get(face.name()), analysis.descriptor());
				if (d > this.threshold) {
					failures.add(face.name() + " " + variant.getKey() + ": " + d);
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void theSamePersonInTwoDifferentPhotosMatches() {
		assertThat(this.model.distance(this.descriptors.get("sample1-3"), this.descriptors.get("sample3-2")))
			.isLessThan(this.threshold);
	}

	@Test
	void differentPeopleDoNotMatch() {
		List<Face> faces = FaceFixtures.faces();
		List<String> accepted = new ArrayList<>();
		for (int i = 0; i < faces.size(); i++) {
			for (int j = i + 1; j < faces.size(); j++) {
				if (faces.get(i).person().equals(faces.get(j).person())) {
					continue;
				}
				float d = this.model.distance(this.descriptors.get(faces.get(i).name()),
						this.descriptors.get(faces.get(j).name()));
				if (d <= this.threshold) {
					accepted.add(faces.get(i).name() + "~" + faces.get(j).name() + " " + d);
				}
			}
		}
		assertThat(accepted).isEmpty();
	}

	@Test
	void aPictureWithoutAFaceSaysSo() {
		assertThat(this.model.analyse(FaceFixtures.noFace()).problem()).isEqualTo(Problem.NONE);
	}

	@Test
	void aGroupPhotoHasSeveralFaces() {
		Analysis analysis = this.model.analyse(FaceFixtures.sampleJpeg(4));
		assertThat(analysis.problem()).isEqualTo(Problem.SEVERAL);
		assertThat(analysis.faces()).isEqualTo(4);
	}

	@Test
	void aFaceFarFromTheCameraIsTooSmall() {
		byte[] tiny = FaceFixtures.jpeg(FaceFixtures.scaled(FaceFixtures.face("sample3-1").image(), 0.12), 0.92f);
		assertThat(this.model.analyse(tiny).problem()).isEqualTo(Problem.TOO_SMALL);
	}

	@Test
	void aFaceInTheDarkIsTooDark() {
		byte[] dark = FaceFixtures.jpeg(FaceFixtures.brightness(FaceFixtures.face("sample3-1").image(), 0.15f), 0.92f);
		assertThat(this.model.analyse(dark).problem()).isEqualTo(Problem.TOO_DARK);
	}

	@Test
	void bytesThatAreNoPictureAreUnreadable() {
		assertThat(this.model.analyse("not a picture".getBytes()).problem()).isEqualTo(Problem.UNREADABLE);
	}

}
