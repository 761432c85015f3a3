package org.yixing.hours;

/**
 * A volunteer's totals (RULES §8): every full hour of total credit time is one 公益益币;
 * honor hours yield no coins.
 */
public record HoursBalance(long creditMinutes, long honorMinutes) {

	public long coins() {
		return Math.floorDiv(Math.max(this.creditMinutes, 0), 60);
	}

}
