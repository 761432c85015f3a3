package org.yixing.identity;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * A resident ID number (居民身份证号) valid per GB 11643-1999 (RULES §1), always in its
 * normalised 18-character form with an upper-case {@code X}.
 */
public final class IdNumber {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final char[] CHECK_CHARACTERS = "10X98765432".toCharArray();

	private static final Pattern EIGHTEEN = Pattern.compile("[1-9]\\d{16}[\\dX]");

	private static final Pattern FIFTEEN = Pattern.compile("[1-9]\\d{14}");

	private static final DateTimeFormatter BIRTH_DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

	private final String value;

	private IdNumber(String value) {
		this.value = value;
	}

	/**
	 * Reads full-width digits and {@code Ｘ} (typed with a Chinese input method in its
	 * full-width mode) as their ASCII forms, trims, upper-cases a trailing {@code x},
	 * converts a 15-digit legacy number to 18 digits and checks format, birth date (real,
	 * from 1900, not after {@code today}) and the ISO 7064 MOD 11-2 check character;
	 * anything else → {@code INVALID_ID_NUMBER}.
	 */
	public static IdNumber parse(@Nullable String input, LocalDate today) {
		if (input == null) {
			throw invalid();
		}
		String candidate = Normalizer.normalize(input, Normalizer.Form.NFKC).strip();
		if (candidate.endsWith("x")) {
			candidate = candidate.substring(0, candidate.length() - 1) + "X";
		}
		if (FIFTEEN.matcher(candidate).matches()) {
			String seventeen = candidate.substring(0, 6) + "19" + candidate.substring(6);
			candidate = seventeen + checkCharacter(seventeen);
		}
		if (!EIGHTEEN.matcher(candidate).matches()) {
			throw invalid();
		}
		LocalDate birth;
		try {
			birth = LocalDate.parse(candidate.substring(6, 14), BIRTH_DATE);
		}
		catch (DateTimeParseException ex) {
			throw invalid();
		}
		if (birth.isBefore(EARLIEST_BIRTH) || birth.isAfter(today)) {
			throw invalid();
		}
		if (checkCharacter(candidate.substring(0, 17)) != candidate.charAt(17)) {
			throw invalid();
		}
		return new IdNumber(candidate);
	}

	/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
	public static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK_CHARACTERS[sum % 11];
	}

	public String value() {
		return this.value;
	}

	/**
	 * e.g. {@code 4201**********123X}: never more than the region prefix and the tail.
	 */
	public String masked() {
		return this.value.substring(0, 4) + "**********" + this.value.substring(14);
	}

	/**
	 * Initial password of a roster-imported account: the last 8 characters (RULES §1).
	 */
	String lastEight() {
		return this.value.substring(10);
	}

	private static DomainException invalid() {
		return new DomainException(ErrorCode.INVALID_ID_NUMBER);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof IdNumber id && id.value.equals(this.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return masked();
	}

}
