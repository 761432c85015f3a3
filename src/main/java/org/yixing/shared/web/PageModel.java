package org.yixing.shared.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout of every page needs: where it is, its language, who is signed in. */
@ControllerAdvice(annotations = PageController.class)
class PageModel {

	/** The same for pages that a failure renders (model attributes do not run there). */
	void addTo(java.util.Map<String, Object> model, HttpServletRequest request) {
		model.put("currentPath", currentPath(request));
		model.put("english", english());
		model.put("signedIn", signedIn());
		model.put("consoleStaff", staff());
	}

	/** Platform staff see the platform's part of the console's navigation. */
	@ModelAttribute("consoleStaff")
	boolean staff() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null
				&& authentication.getAuthorities().stream().anyMatch((a) -> "ROLE_STAFF".equals(a.getAuthority()));
	}

	/** A decision's reason: every form that asks for one reads its limit here. */
	@ModelAttribute("reasonMax")
	int reasonMax() {
		return org.yixing.shared.Reason.MAX;
	}

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI();
	}

	@ModelAttribute("english")
	boolean english() {
		return Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
	}

	@ModelAttribute("signedIn")
	boolean signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

}
