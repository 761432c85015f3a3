package org.yixing.notice;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.ApplicationClock;

@RestController
@RequestMapping("/api/v1")
class NoticeController {

	private final Notices notices;

	NoticeController(Notices notices) {
		this.notices = notices;
	}

	@GetMapping("/me/notices")
	List<NoticeView> myNotices(AuthenticatedAccount caller) {
		return this.notices.of(caller.id().value(), LocaleContextHolder.getLocale())
			.stream()
			.map((n) -> new NoticeView(n.id().toString(), n.kind(), n.text(), n.detail(),
					ApplicationClock.local(n.createdAt()), n.read()))
			.toList();
	}

	record NoticeView(String id, String kind, String text, @Nullable String detail, OffsetDateTime createdAt,
			boolean read) {
	}

}
