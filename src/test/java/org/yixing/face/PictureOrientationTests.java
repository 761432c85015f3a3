package org.yixing.face;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.yixing.test.FaceFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * A phone that stores its pixels sideways says which way is up in the JPEG's EXIF
 * orientation; the picture is turned upright before a face is looked for.
 */
class PictureOrientationTests {

	@Test
	void turningByAnOrientationAndBackGivesThePictureAgain() {
		int[] inverse = { 0, 1, 2, 3, 4, 5, 8, 7, 6 };
		qt().withExamples(500)
			.forAll(integers().between(1, 8), integers().between(1, 9), integers().between(1, 9), integers().all())
			.checkAssert((orientation, w, h, seed) -> {
				Random random = new Random(seed);
				int[] rgb = new int[w * h];
				for (int i = 0; i < rgb.length; i++) {
					rgb[i] = random.nextInt(1 << 24);
				}
				Picture picture = new Picture(w, h, rgb);
				Picture back = picture.oriented(orientation).oriented(inverse[orientation]);
				assertThat(back.width()).isEqualTo(w);
				assertThat(back.height()).isEqualTo(h);
				assertThat(back.rgb()).isEqualTo(rgb);
			});
	}

	@Test
	void orientationSixTurnsClockwise() {
		// 2 wide, 3 high, stored sideways: shown 3 wide, 2 high.
		Picture stored = new Picture(2, 3, new int[] { 1, 2, 3, 4, 5, 6 });
		Picture shown = stored.oriented(6);
		assertThat(shown.width()).isEqualTo(3);
		assertThat(shown.height()).isEqualTo(2);
		assertThat(shown.rgb()).containsExactly(5, 3, 1, 6, 4, 2);
	}

	@Test
	void theOrientationIsReadInEitherByteOrderAndIsUprightWithoutOne() {
		byte[] plain = FaceFixtures.jpeg(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), 0.9f);
		assertThat(Picture.exifOrientation(plain)).isEqualTo(1);
		assertThat(Picture.exifOrientation(withOrientation(plain, 6, false))).isEqualTo(6);
		assertThat(Picture.exifOrientation(withOrientation(plain, 8, true))).isEqualTo(8);
		assertThat(Picture.exifOrientation(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0, 2 }))
			.isEqualTo(1);
	}

	@Test
	void aSidewaysPhotoWithItsOrientationIsTheSameFace() throws Exception {
		FaceFixtures.Face face = FaceFixtures.face("sample6-2");
		BufferedImage upright = face.image();
		// Stored turned a quarter anticlockwise; orientation 6 says: turn clockwise to
		// show.
		BufferedImage sideways = new BufferedImage(upright.getHeight(), upright.getWidth(), BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < upright.getHeight(); y++) {
			for (int x = 0; x < upright.getWidth(); x++) {
				sideways.setRGB(y, upright.getWidth() - 1 - x, upright.getRGB(x, y));
			}
		}
		byte[] tagged = withOrientation(FaceFixtures.jpeg(sideways, 0.92f), 6, false);
		try (FaceModel model = new FaceModel(FaceModelTests.defaults())) {
			float[] reference = model.analyse(face.jpeg()).descriptor();
			FaceModel.Analysis analysis = model.analyse(tagged);
			assertThat(analysis.problem()).isNull();
			assertThat(model.distance(reference, analysis.descriptor())).isLessThan(0.3f);
		}
	}

	/** The JPEG with an EXIF APP1 segment holding only the orientation. */
	static byte[] withOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
		ByteArrayOutputStream exif = new ByteArrayOutputStream();
		exif.writeBytes(new byte[] { 'E', 'x', 'i', 'f', 0, 0 });
		if (littleEndian) {
			exif.writeBytes(new byte[] { 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0,
					(byte) orientation, 0, 0, 0, 0, 0, 0, 0 });
		}
		else {
			exif.writeBytes(new byte[] { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0,
					(byte) orientation, 0, 0, 0, 0, 0, 0 });
		}
		byte[] body = exif.toByteArray();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0xFF);
		out.write(0xD8);
		out.write(0xFF);
		out.write(0xE1);
		out.write((body.length + 2) >> 8);
		out.write((body.length + 2) & 0xFF);
		out.writeBytes(body);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

}
