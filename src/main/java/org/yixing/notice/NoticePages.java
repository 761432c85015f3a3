package org.yixing.notice;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.web.PageController;

/** 我的消息: shown, then counted as read. */
@PageController
class NoticePages {

	private final Notices notices;

	NoticePages(Notices notices) {
		this.notices = notices;
	}

	@GetMapping("/me/notices")
	String notices(AuthenticatedAccount me, Model model) {
		model.addAttribute("notices", this.notices.of(me.id().value(), LocaleContextHolder.getLocale()));
		this.notices.markAllRead(me.id().value());
		model.addAttribute("back", "/me");
		return "notice/notices";
	}

}
