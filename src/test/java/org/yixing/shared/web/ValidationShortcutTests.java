package org.yixing.shared.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.Default;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.SmartValidator;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring MVC's validator takes a body's word that it plainly meets its constraints, and
 * leaves everything else to Bean Validation.
 */
@ApiTest
class ValidationShortcutTests {

	@Autowired
	@Qualifier("mvcValidator")
	SmartValidator mvc;

	/** A body that says what it is told to, whatever its field holds. */
	record Claims(@NotNull String name, boolean plain) implements PlainlyValid {

		@Override
		public boolean plainlyValid() {
			return this.plain;
		}

	}

	@Test
	void aBodyThatPlainlyMeetsItsConstraintsIsNotValidatedAgain() {
		assertThat(fieldsRefused(new Claims(null, true))).as("its word taken").isEmpty();
	}

	@Test
	void anyOtherBodyIsBeanValidations() {
		assertThat(fieldsRefused(new Claims(null, false))).containsExactly("name");
		Errors grouped = new BeanPropertyBindingResult(new Claims(null, true), "claims");
		this.mvc.validate(new Claims(null, true), grouped, Default.class);
		assertThat(grouped.getFieldErrors()).as("a validation with groups")
			.extracting(FieldError::getField)
			.containsExactly("name");
	}

	private java.util.List<String> fieldsRefused(Object body) {
		Errors errors = new BeanPropertyBindingResult(body, "body");
		this.mvc.validate(body, errors);
		return errors.getFieldErrors().stream().map(FieldError::getField).toList();
	}

}
