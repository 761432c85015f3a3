package org.yixing.region;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The three selects of a region picker (province → city → district) with what is chosen,
 * rendered by {@code region/picker :: picker}.
 */
public record RegionPicker(List<Region> provinces, List<Region> cities, List<Region> districts, String province,
		String city, String district) {

	/** The deepest region chosen, or null when none is. */
	public @Nullable String chosen() {
		if (!this.district.isEmpty()) {
			return this.district;
		}
		return !this.city.isEmpty() ? this.city : (this.province.isEmpty() ? null : this.province);
	}

}
