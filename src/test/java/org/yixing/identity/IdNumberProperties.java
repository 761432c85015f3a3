package org.yixing.identity;

import java.time.LocalDate;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RULES §1: GB 11643-1999 validation and normalisation. */
class IdNumberProperties {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	@Property
	void everyWellFormedIdNumberIsAcceptedAsIs(@ForAll("validIdNumbers") String id) {
		assertThat(IdNumber.parse(id, TODAY).value()).isEqualTo(id);
	}

	@Property
	void anySingleCharacterChangeIsRejected(@ForAll("validIdNumbers") String id,
			@ForAll @IntRange(min = 0, max = 17) int position, @ForAll("idCharacters") char replacement) {
		if (id.charAt(position) == replacement) {
			return;
		}
		String changed = id.substring(0, position) + replacement + id.substring(position + 1);
		assertThatThrownBy(() -> IdNumber.parse(changed, TODAY)).isInstanceOf(DomainException.class)
			.extracting((ex) -> ((DomainException) ex).code())
			.isEqualTo(ErrorCode.INVALID_ID_NUMBER);
	}

	@Property
	void aLowerCaseXIsStoredUpperCase(@ForAll("validIdNumbers") String id) {
		if (id.endsWith("X")) {
			assertThat(IdNumber.parse("  " + id.toLowerCase() + " ", TODAY).value()).isEqualTo(id);
		}
	}

	@Property
	void aDroppedOrAddedCharacterIsRejected(@ForAll("validIdNumbers") String id) {
		assertThatThrownBy(() -> IdNumber.parse(id.substring(1), TODAY)).isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> IdNumber.parse(id + "1", TODAY)).isInstanceOf(DomainException.class);
	}

	@Example
	void aFifteenDigitLegacyNumberBecomesEighteenDigits() {
		assertThat(IdNumber.parse("420111850101123", TODAY).value()).isEqualTo("420111198501011234");
	}

	@Example
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

	@Example
	void theMaskShowsOnlyTheFirstAndLastFourCharacters() {
		assertThat(IdNumber.parse("42010219800101001x", TODAY).masked()).isEqualTo("4201**********001X");
	}

	@Example
	void blankAndNullAreRejected() {
		assertThatThrownBy(() -> IdNumber.parse(null, TODAY)).isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> IdNumber.parse("   ", TODAY)).isInstanceOf(DomainException.class);
	}

	@Provide
	Arbitrary<String> validIdNumbers() {
		Arbitrary<String> region = Arbitraries.integers().between(110000, 829999).map(String::valueOf);
		Arbitrary<String> birth = Arbitraries.longs()
			.between(LocalDate.of(1900, 1, 1).toEpochDay(), TODAY.toEpochDay())
			.map((day) -> LocalDate.ofEpochDay(day).toString().replace("-", ""));
		Arbitrary<String> sequence = Arbitraries.integers().between(0, 999).map((n) -> "%03d".formatted(n));
		return Combinators.combine(region, birth, sequence).as((r, b, s) -> withCheck(r + b + s));
	}

	@Provide
	Arbitrary<Character> idCharacters() {
		return Arbitraries.of('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', 'A', ' ');
	}

	private static String withCheck(String first17) {
		return first17 + IdNumber.checkCharacter(first17);
	}

}
