package org.yixing.region;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

@RestController
class RegionController {

	private final Regions regions;

	RegionController(Regions regions) {
		this.regions = regions;
	}

	/** Provinces without {@code parent}; else the children of that region. */
	@GetMapping("/api/v1/regions")
	List<RegionView> list(@RequestParam(required = false) @Nullable String parent) {
		if (parent == null || parent.isBlank()) {
			return this.regions.provinces().stream().map(RegionView::of).toList();
		}
		if (!this.regions.exists(parent.trim())) {
			throw new DomainException(ErrorCode.INVALID_REGION);
		}
		return this.regions.childrenOf(parent.trim()).stream().map(RegionView::of).toList();
	}

	record RegionView(String code, String name) {

		static RegionView of(Region region) {
			return new RegionView(region.code(), region.name());
		}

	}

}
