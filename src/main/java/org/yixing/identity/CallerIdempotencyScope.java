package org.yixing.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.yixing.shared.web.IdempotencyScope;

/** Each signed-in account's keys apart; requests without a caller share one scope. */
@Component
class CallerIdempotencyScope implements IdempotencyScope {

	@Override
	public String of(HttpServletRequest request) {
		return AuthenticatedAccount.ofCurrentRequest()
			.map((caller) -> caller.id().value().toString())
			.orElse("anonymous");
	}

}
