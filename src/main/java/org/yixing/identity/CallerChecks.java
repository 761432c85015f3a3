package org.yixing.identity;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
		Requirement requirement = this.requirements.computeIfAbsent(method.getMethod(),
				(key) -> Requirement.of(method));
		if (requirement == Requirement.NONE) {
			return true;
		}
		AuthenticatedAccount caller = AuthenticatedAccount.ofCurrentRequest()
			.orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED));
		if (requirement == Requirement.STAFF && !caller.staff()) {
			throw new DomainException(ErrorCode.FORBIDDEN);
		}
		return true;
	}

	/** Read once per handler method: the annotations do not change at run time. */
	private final Map<Method, Requirement> requirements = new ConcurrentHashMap<>();

	private enum Requirement {

		NONE, SIGNED_IN, STAFF;

		static Requirement of(HandlerMethod method) {
			if (AnnotatedElementUtils.hasAnnotation(method.getMethod(), StaffOnly.class)
					|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), StaffOnly.class)) {
				return STAFF;
			}
			return Arrays.stream(method.getMethodParameters())
				.anyMatch((parameter) -> parameter.getParameterType().equals(AuthenticatedAccount.class)) ? SIGNED_IN
						: NONE;
		}

	}

}
