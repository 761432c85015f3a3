package org.yixing.shared.web;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.Errors;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC's validator for {@code @Valid} arguments: the application's Bean Validation,
 * except for a {@link PlainlyValid} body that says it meets its constraints. Method
 * validation ({@link #unwrap}) gets Bean Validation itself.
 */
@Configuration(proxyBeanMethods = false)
class ValidationShortcut implements WebMvcConfigurer {

	private final ObjectProvider<jakarta.validation.Validator> beanValidation;

	ValidationShortcut(ObjectProvider<jakarta.validation.Validator> beanValidation) {
		this.beanValidation = beanValidation;
	}

	@Override
	public Validator getValidator() {
		return new Shortcut(this.beanValidation);
	}

	static final class Shortcut implements SmartValidator {

		private final ObjectProvider<jakarta.validation.Validator> beanValidation;

		private volatile @Nullable SmartValidator delegate;

		Shortcut(ObjectProvider<jakarta.validation.Validator> beanValidation) {
			this.beanValidation = beanValidation;
		}

		private SmartValidator delegate() {
			SmartValidator found = this.delegate;
			if (found == null) {
				jakarta.validation.Validator validator = this.beanValidation.getObject();
				found = (validator instanceof SmartValidator smart) ? smart : new SpringValidatorAdapter(validator);
				this.delegate = found;
			}
			return found;
		}

		@Override
		public boolean supports(Class<?> type) {
			return delegate().supports(type);
		}

		@Override
		public void validate(Object target, Errors errors) {
			if (!(target instanceof PlainlyValid plain && plain.plainlyValid())) {
				delegate().validate(target, errors);
			}
		}

		@Override
		public void validate(Object target, Errors errors, Object... validationHints) {
			// groups name constraints that plainlyValid() does not judge
			if (validationHints.length > 0 || !(target instanceof PlainlyValid plain && plain.plainlyValid())) {
				delegate().validate(target, errors, validationHints);
			}
		}

		@Override
		public void validateValue(Class<?> targetType, @Nullable String fieldName, @Nullable Object value,
				Errors errors, Object... validationHints) {
			delegate().validateValue(targetType, fieldName, value, errors, validationHints);
		}

		@Override
		public <T> @Nullable T unwrap(@Nullable Class<T> type) {
			return delegate().unwrap(type);
		}

	}

}
