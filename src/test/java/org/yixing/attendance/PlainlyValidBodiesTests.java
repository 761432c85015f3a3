package org.yixing.attendance;

import java.util.Arrays;
import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * The check-in's and check-out's bodies say they are plainly valid only when Bean
 * Validation finds nothing in them (shared.web.PlainlyValid): over random bodies made of
 * the values at and around every constraint's edge.
 */
class PlainlyValidBodiesTests {

	static ValidatorFactory factory;

	static Validator validator;

	@BeforeAll
	static void beanValidation() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void close() {
		factory.close();
	}

	static final Gen<Double> LATITUDES = numbers(90);

	static final Gen<Double> LONGITUDES = numbers(180);

	static Gen<Double> numbers(double edge) {
		return arbitrary().pick(Arrays.asList(null, 0.0, -0.0, edge, -edge, Math.nextUp(edge), Math.nextDown(-edge),
				Math.nextDown(edge), Math.nextUp(-edge), edge + 1, -edge - 1, 31.2304, 121.4737, Double.NaN,
				Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE));
	}

	static final Gen<Double> ACCURACIES = arbitrary().pick(Arrays.asList(null, 0.0, -0.0, 12.5, -1.0, -Double.MIN_VALUE,
			Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));

	static final Gen<String> CODES = arbitrary()
		.pick(Arrays.asList(null, "", " ", "\t", "\u3000", "\u2003", "\u00a0", "\u200b", "\u0000", "\u001c", "123456",
				" 123456 ", "\u3000123456", "1234567890123456", "12345678901234567", "１２３４５６", "x"));

	static Gen<String> upTo(int max) {
		return arbitrary().pick(Arrays.asList(null, "", "v", "a".repeat(max), "a".repeat(max + 1), " ".repeat(max)));
	}

	static final Gen<CheckInController.Location> LOCATIONS = LATITUDES.zip(LONGITUDES, ACCURACIES,
			CheckInController.Location::new);

	static final Gen<CheckInController.Location> MAYBE_LOCATIONS = integers().between(0, 9)
		.zip(LOCATIONS, (n, location) -> (n == 0) ? null : location);

	@Test
	void aCheckInBodyIsPlainlyValidOnlyWhenBeanValidationFindsNothing() {
		int[] plain = new int[2];
		qt().withExamples(20_000)
			.forAll(CODES, MAYBE_LOCATIONS, upTo(50), upTo(64))
			.checkAssert((code, location, version, token) -> {
				CheckInController.CheckInBody body = new CheckInController.CheckInBody(code, location, null, true,
						version, CheckIns.Method.QUICK, null, version, token, null);
				boolean plainlyValid = body.plainlyValid();
				plain[plainlyValid ? 1 : 0]++;
				if (plainlyValid) {
					assertThat(validator.validate(body)).as("%s", body).isEmpty();
				}
			});
		assertThat(plain[1]).as("plainly valid bodies among the examples").isPositive();
		assertThat(plain[0]).isPositive();
	}

	@Test
	void aCheckOutBodyIsPlainlyValidOnlyWhenBeanValidationFindsNothing() {
		qt().withExamples(5_000).forAll(MAYBE_LOCATIONS).checkAssert((location) -> {
			CheckInController.CheckOutBody body = new CheckInController.CheckOutBody(location, null, null);
			if (body.plainlyValid()) {
				assertThat(validator.validate(body)).as("%s", body).isEmpty();
			}
		});
	}

	@Test
	void whatAPhoneSendsIsPlainlyValid() {
		CheckInController.Location here = new CheckInController.Location(31.2304, 121.4737, 15.0);
		assertThat(
				new CheckInController.CheckInBody("123456", here, null, true, "2026-01", null, null, null, null, null)
					.plainlyValid())
			.isTrue();
		assertThat(new CheckInController.CheckOutBody(new CheckInController.Location(-90.0, 180.0, null), null, null)
			.plainlyValid()).isTrue();
		for (CheckInController.Location wrong : List.of(new CheckInController.Location(90.5, 0.0, null),
				new CheckInController.Location(0.0, -180.5, null), new CheckInController.Location(0.0, 0.0, -1.0),
				new CheckInController.Location(Double.NaN, 0.0, null))) {
			assertThat(new CheckInController.CheckOutBody(wrong, null, null).plainlyValid()).as("%s", wrong).isFalse();
		}
	}

}
