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
		return other.startsWith(codePrefix()) && other.length() == this.code.length();
	}

	/**
	 * What every code inside this region starts with: {@code 42} for 420000, {@code 4201}
	 * for 420100, the whole code for a district.
	 */
	public String codePrefix() {
		return switch (level()) {
			case PROVINCE -> this.code.substring(0, 2);
			case CITY -> this.code.substring(0, 4);
			case DISTRICT -> this.code;
		};
	}

	public enum Level {

		PROVINCE, CITY, DISTRICT

	}

}
