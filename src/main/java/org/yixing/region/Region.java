package org.yixing.region;

import org.jspecify.annotations.Nullable;

/**
 * One administrative division in its 6-digit GB/T 2260 form.
 *
 * @param code e.g. {@code 420100}
 * @param name e.g. 武汉市
 * @param parentCode the enclosing division, {@code null} for a province
 */
public record Region(String code, String name, @Nullable String parentCode) {

	public Level level() {
		if (this.code.endsWith("0000")) {
			return Level.PROVINCE;
		}
		return this.code.endsWith("00") ? Level.CITY : Level.DISTRICT;
	}

	/** Whether {@code other} is this region or lies inside it. */
	public boolean contains(String other) {
		return switch (level()) {
			case PROVINCE -> other.startsWith(this.code.substring(0, 2));
			case CITY -> other.startsWith(this.code.substring(0, 4));
			case DISTRICT -> other.equals(this.code);
		};
	}

	public enum Level {

		PROVINCE, CITY, DISTRICT

	}

}
