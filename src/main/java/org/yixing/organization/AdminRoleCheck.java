package org.yixing.organization;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Enforces {@link AdminOnly} before any argument is bound, right after identity's own
 * sign-in and staff checks.
 */
@Configuration(proxyBeanMethods = false)
class AdminRoleCheck implements WebMvcConfigurer {

	private final OrganizationDirectory directory;

	AdminRoleCheck(OrganizationDirectory directory) {
		this.directory = directory;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new Check()).addPathPatterns("/api/**").order(Ordered.HIGHEST_PRECEDENCE + 1);
	}

	private final class Check implements HandlerInterceptor {

		/** Read once per handler method. */
		private final Map<Method, Boolean> adminOnly = new ConcurrentHashMap<>();

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			if (!(handler instanceof HandlerMethod method) || !this.adminOnly.computeIfAbsent(method.getMethod(),
					(key) -> AnnotatedElementUtils.hasAnnotation(method.getMethod(), AdminOnly.class)
							|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), AdminOnly.class))) {
				return true;
			}
			AuthenticatedAccount caller = AuthenticatedAccount.ofCurrentRequest()
				.orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED));
			if (!caller.staff() && !AdminRoleCheck.this.directory.administersAny(caller.id())) {
				throw new DomainException(ErrorCode.FORBIDDEN);
			}
			return true;
		}

	}

}
