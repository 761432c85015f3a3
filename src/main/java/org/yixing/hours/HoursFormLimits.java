package org.yixing.hours;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The makeup description's limit for the volunteer's makeup page and the console's honor
 * hours form: the makeup's own ({@link HonorHours.Makeup}).
 */
@ControllerAdvice(assignableTypes = { HoursPages.class, HoursConsole.class })
class HoursFormLimits {

	@ModelAttribute("descriptionMax")
	int descriptionMax() {
		return HonorHours.Makeup.MAX_DESCRIPTION;
	}

}
