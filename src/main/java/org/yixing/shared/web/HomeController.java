package org.yixing.shared.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The minimal home page until the volunteer UI arrives: what runs and where the API is.
 */
@Controller
class HomeController {

	@GetMapping("/")
	String home() {
		return "home";
	}

}
