package org.yixing.identity;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Who may call an endpoint is settled before anything of the request is read: a missing
 * sign-in is 401 and a missing role 403 even when the body is invalid, so that the
 * validation rules of an endpoint are not an oracle for callers who may not use it.
 * Spring binds and validates {@code @RequestBody} arguments in parameter order, which
 * would otherwise let a 400 come first.
 */
class CallerChecks implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		AuthenticatedAccount caller = AuthenticatedAccount.ofCurrentRequest().orElse(null);
		boolean staffOnly = AnnotatedElementUtils.hasAnnotation(method.getMethod(), StaffOnly.class)
				|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), StaffOnly.class);
		if (caller == null && (staffOnly || needsCaller(method))) {
			throw new DomainException(ErrorCode.UNAUTHENTICATED);
		}
		if (staffOnly && !caller.staff()) {
			throw new DomainException(ErrorCode.FORBIDDEN);
		}
		return true;
	}

	private static boolean needsCaller(HandlerMethod method) {
		return Arrays.stream(method.getMethodParameters())
			.anyMatch((parameter) -> parameter.getParameterType().equals(AuthenticatedAccount.class));
	}

}
