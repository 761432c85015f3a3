package org.yixing.identity;

import java.util.Optional;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Supplies {@link AuthenticatedAccount} parameters; none → 401 UNAUTHENTICATED. An
 * {@code Optional<AuthenticatedAccount>} parameter marks an endpoint open to everyone.
 */
final class CurrentAccountResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.nestedIfOptional().getNestedParameterType().equals(AuthenticatedAccount.class);
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		AuthenticatedAccount account = AuthenticatedAccount.ofCurrentRequest().orElse(null);
		if (parameter.getParameterType().equals(Optional.class)) {
			return Optional.ofNullable(account);
		}
		if (account == null) {
			throw new DomainException(ErrorCode.UNAUTHENTICATED);
		}
		return account;
	}

}
