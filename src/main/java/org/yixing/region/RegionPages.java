package org.yixing.region;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.shared.web.PageController;

/** The region picker fragment and the home page's region (选择地区). */
@PageController
class RegionPages {

	private final Regions regions;

	private final HomeRegion homeRegion;

	RegionPages(Regions regions, HomeRegion homeRegion) {
		this.regions = regions;
		this.homeRegion = homeRegion;
	}

	/** Re-renders a picker after one of its selects changed (htmx). */
	@GetMapping("/region/picker")
	String picker(@RequestParam(required = false) @Nullable String province,
			@RequestParam(required = false) @Nullable String city,
			@RequestParam(required = false) @Nullable String district, Model model) {
		model.addAttribute("picker", this.regions.picker(province, city, district));
		return "region/picker :: picker";
	}

	@GetMapping("/region")
	String choose(HttpServletRequest request, Model model) {
		model.addAttribute("picker", this.regions.picker(this.homeRegion.of(request).code()));
		model.addAttribute("back", "/");
		return "region/choose";
	}

	@PostMapping("/region")
	String chosen(@RequestParam(required = false) @Nullable String province,
			@RequestParam(required = false) @Nullable String city,
			@RequestParam(required = false) @Nullable String district, HttpServletRequest request,
			HttpServletResponse response) {
		String code = this.regions.picker(province, city, district).chosen();
		if (code != null) {
			this.homeRegion.remember(this.regions.find(code).orElseThrow(), request, response);
		}
		return "redirect:/";
	}

}
