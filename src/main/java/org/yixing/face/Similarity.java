package org.yixing.face;

/**
 * A similarity transform (rotation, uniform scale, shift): {@code x' = a·x − b·y + tx},
 * {@code y' = b·x + a·y + ty}.
 */
record Similarity(float a, float b, float tx, float ty) {

	/**
	 * The least-squares similarity that takes the points {@code from} to {@code to} (x, y
	 * pairs, as many in each; at least two distinct points).
	 */
	static Similarity fit(float[] from, float[] to) {
		int n = from.length / 2;
		double mfx = 0;
		double mfy = 0;
		double mtx = 0;
		double mty = 0;
		for (int i = 0; i < n; i++) {
			mfx += from[2 * i] / (double) n;
			mfy += from[2 * i + 1] / (double) n;
			mtx += to[2 * i] / (double) n;
			mty += to[2 * i + 1] / (double) n;
		}
		double dot = 0;
		double cross = 0;
		double norm = 0;
		for (int i = 0; i < n; i++) {
			double fx = from[2 * i] - mfx;
			double fy = from[2 * i + 1] - mfy;
			double tx = to[2 * i] - mtx;
			double ty = to[2 * i + 1] - mty;
			dot += fx * tx + fy * ty;
			cross += fx * ty - fy * tx;
			norm += fx * fx + fy * fy;
		}
		double a = dot / norm;
		double b = cross / norm;
		return new Similarity((float) a, (float) b, (float) (mtx - (a * mfx - b * mfy)),
				(float) (mty - (b * mfx + a * mfy)));
	}

	float x(float x, float y) {
		return this.a * x - this.b * y + this.tx;
	}

	float y(float x, float y) {
		return this.b * x + this.a * y + this.ty;
	}

	/** How many units of the target one unit of the source spans. */
	float scale() {
		return (float) Math.hypot(this.a, this.b);
	}

}
