package org.yixing.identity;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The identity pages' forms read their limits from the rules: the real name's
 * ({@link RealName}) when registering or recovering by ID photo, the security question's
 * and answer's ({@link AccountSettings}).
 */
@ControllerAdvice(assignableTypes = { SignInPages.class, RecoveryPages.class, AccountPages.class })
class IdentityFormLimits {

	@ModelAttribute("realNameMax")
	int realNameMax() {
		return RealName.MAX;
	}

	@ModelAttribute("questionMax")
	int questionMax() {
		return AccountSettings.MAX_QUESTION;
	}

}
