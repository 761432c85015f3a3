package org.yixing.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Minutes as hours, to two decimals, as every report and certificate prints them. */
final class Hours {

	private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

	private Hours() {
	}

	static BigDecimal of(long minutes) {
		return BigDecimal.valueOf(minutes).divide(SIXTY, 2, RoundingMode.HALF_UP);
	}

}
