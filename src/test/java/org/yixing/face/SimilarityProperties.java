package org.yixing.face;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.floats;

/**
 * Alignment's least-squares similarity: keypoints that are an exact rotation, scaling and
 * shift of the template give back that transform, whatever it is; noise moves it little.
 */
class SimilarityProperties {

	static final float[] TEMPLATE = FaceModelTests.defaults().template();

	@Test
	void anExactSimilarityIsRecovered() {
		qt().withExamples(2000)
			.forAll(floats().between(-3.1f, 3.1f), floats().between(0.2f, 12f), floats().between(-2000f, 2000f),
					floats().between(-2000f, 2000f))
			.checkAssert((angle, scale, tx, ty) -> {
				Similarity truth = new Similarity((float) (scale * Math.cos(angle)), (float) (scale * Math.sin(angle)),
						tx, ty);
				float[] moved = apply(truth, TEMPLATE);
				Similarity fitted = Similarity.fit(TEMPLATE, moved);
				assertThat(fitted.scale()).isCloseTo(scale, within(1e-3f * scale));
				for (int i = 0; i < TEMPLATE.length / 2; i++) {
					assertThat(fitted.x(TEMPLATE[2 * i], TEMPLATE[2 * i + 1])).isCloseTo(moved[2 * i],
							within(0.01f + 1e-4f * Math.abs(moved[2 * i])));
					assertThat(fitted.y(TEMPLATE[2 * i], TEMPLATE[2 * i + 1])).isCloseTo(moved[2 * i + 1],
							within(0.01f + 1e-4f * Math.abs(moved[2 * i + 1])));
				}
			});
	}

	@Test
	void aFewPixelsOfKeypointNoiseMoveTheAlignmentByAboutAsMuch() {
		qt().withExamples(1000)
			.forAll(floats().between(-0.5f, 0.5f), floats().between(1f, 6f), floats().between(-2f, 2f),
					floats().between(-2f, 2f))
			.checkAssert((angle, scale, dx, dy) -> {
				Similarity truth = new Similarity((float) (scale * Math.cos(angle)), (float) (scale * Math.sin(angle)),
						300, 200);
				float[] moved = apply(truth, TEMPLATE);
				// One keypoint off by (dx, dy) picture pixels.
				moved[4] += dx;
				moved[5] += dy;
				Similarity fitted = Similarity.fit(TEMPLATE, moved);
				for (int i = 0; i < TEMPLATE.length / 2; i++) {
					double off = Math.hypot(
							fitted.x(TEMPLATE[2 * i], TEMPLATE[2 * i + 1])
									- truth.x(TEMPLATE[2 * i], TEMPLATE[2 * i + 1]),
							fitted.y(TEMPLATE[2 * i], TEMPLATE[2 * i + 1])
									- truth.y(TEMPLATE[2 * i], TEMPLATE[2 * i + 1]));
					assertThat(off).isLessThanOrEqualTo(Math.hypot(dx, dy) + 1e-3);
				}
			});
	}

	static float[] apply(Similarity s, float[] points) {
		float[] out = new float[points.length];
		for (int i = 0; i < points.length / 2; i++) {
			out[2 * i] = s.x(points[2 * i], points[2 * i + 1]);
			out[2 * i + 1] = s.y(points[2 * i], points[2 * i + 1]);
		}
		return out;
	}

}
