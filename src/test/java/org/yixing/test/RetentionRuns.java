package org.yixing.test;

import java.util.function.IntSupplier;

/** Runs a retention job the way its schedule would, one run after another. */
public final class RetentionRuns {

	private RetentionRuns() {
	}

	/**
	 * Runs {@code run} until a run deletes nothing (other tests leave rows of their own,
	 * and a run stops after its batches); how many rows were deleted in all.
	 */
	public static int untilNothingIsLeft(IntSupplier run) {
		int total = 0;
		for (int deleted = run.getAsInt(); deleted > 0; deleted = run.getAsInt()) {
			total += deleted;
		}
		return total;
	}

}
