package org.yixing.identity;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * RULES §1: GB 11643-1999 validation and normalisation, as properties over random IDs.
 */
class IdNumberProperties {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	static final Gen<String> VALID_ID_NUMBERS = integers().between(110000, 829999)
		.zip(longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), TODAY.toEpochDay()), integers().between(0, 999),
				(region, day, sequence) -> withCheck(
						region + LocalDate.ofEpochDay(day).toString().replace("-", "") + "%03d".formatted(sequence)));

	static final Gen<Character> ID_CHARACTERS = arbitrary()
		.pick(List.of('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', 'A', ' '));

	@Test
	void everyWellFormedIdNumberIsAcceptedAsIs() {
		qt().withExamples(2000).forAll(VALID_ID_NUMBERS).checkAssert((id) -> {
			assertThat(IdNumber.parse(id, TODAY).value()).isEqualTo(id);
		});
	}

	@Test
	void anySingleCharacterChangeIsRejected() {
		qt().withExamples(5000)
			.forAll(VALID_ID_NUMBERS, integers().between(0, 17), ID_CHARACTERS)
			.assuming((id, position, replacement) -> id.charAt(position) != replacement)
			.checkAssert((id, position, replacement) -> {
				String changed = id.substring(0, position) + replacement + id.substring(position + 1);
				assertThatThrownBy(() -> IdNumber.parse(changed, TODAY)).isInstanceOf(DomainException.class)
					.extracting((ex) -> ((DomainException) ex).code())
					.isEqualTo(ErrorCode.INVALID_ID_NUMBER);
			});
	}

	@Test
	void aLowerCaseXAndSurroundingSpacesAreNormalised() {
		qt().forAll(VALID_ID_NUMBERS).checkAssert((id) -> {
			assertThat(IdNumber.parse("  " + id.toLowerCase() + " ", TODAY).value()).isEqualTo(id);
		});
	}

	/** A Chinese input method in its full-width mode types ０-９ and Ｘ. */
	@Test
	void fullWidthDigitsAndXAreReadAsTheirAsciiForms() {
		qt().forAll(VALID_ID_NUMBERS).checkAssert((id) -> {
			StringBuilder fullWidth = new StringBuilder();
			id.chars().forEach((c) -> fullWidth.append((char) (c + 0xFEE0)));
			assertThat(IdNumber.parse(fullWidth.toString(), TODAY).value()).isEqualTo(id);
			assertThat(IdNumber.parse("\u3000" + fullWidth.toString().toLowerCase() + "\u3000", TODAY).value())
				.isEqualTo(id);
		});
	}

	@Test
	void aDroppedOrAddedCharacterIsRejected() {
		qt().forAll(VALID_ID_NUMBERS).checkAssert((id) -> {
			assertThatThrownBy(() -> IdNumber.parse(id.substring(1), TODAY)).isInstanceOf(DomainException.class);
			assertThatThrownBy(() -> IdNumber.parse(id + "1", TODAY)).isInstanceOf(DomainException.class);
		});
	}

	@Test
	void aFifteenDigitLegacyNumberBecomesEighteenDigits() {
		assertThat(IdNumber.parse("420111850101123", TODAY).value()).isEqualTo("420111198501011234");
	}

	@Test
	void birthDatesMustBeRealFrom1900AndNotInTheFuture() {
		assertThat(IdNumber.parse(withCheck("42011119000101001"), TODAY).value()).startsWith("420111190001");
		assertThatThrownBy(() -> IdNumber.parse(withCheck("42011118991231001"), TODAY))
			.isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> IdNumber.parse(withCheck("42011120261126001"), TODAY))
			.isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> IdNumber.parse(withCheck("42011120230229001"), TODAY))
			.isInstanceOf(DomainException.class);
		assertThat(IdNumber.parse(withCheck("42011120240229001"), TODAY).value()).isNotEmpty();
	}

	@Test
	void theMaskShowsOnlyTheFirstAndLastFourCharacters() {
		assertThat(IdNumber.parse("42010219800101001x", TODAY).masked()).isEqualTo("4201**********001X");
	}

	@Test
	void blankAndNullAreRejected() {
		assertThatThrownBy(() -> IdNumber.parse(null, TODAY)).isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> IdNumber.parse("   ", TODAY)).isInstanceOf(DomainException.class);
	}

	private static String withCheck(String first17) {
		return first17 + IdNumber.checkCharacter(first17);
	}

}
