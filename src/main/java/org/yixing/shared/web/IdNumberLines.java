package org.yixing.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * A list of resident ID numbers, one a line, as an admin pastes a column of a spreadsheet
 * (批量添加成员, 批量代报名): each line is done on its own (its own transaction, audited as one),
 * blank lines are skipped, one done before is counted so that the same list again does no
 * harm, and a line refused is named with its number, code and a message in the words of a
 * list.
 */
public final class IdNumberLines {

	/** At most this many lines at once. */
	public static final int MAX_LINES = 500;

	private IdNumberLines() {
	}

	/** The lines of a form's text area, as pasted ({@code null}: none). */
	public static List<String> of(@Nullable String text) {
		return (text != null) ? text.lines().toList() : List.of();
	}

	/**
	 * {@code VALIDATION_FAILED} on {@code idNumbers} for more than {@link #MAX_LINES}
	 * lines, with {@code tooManyKey} as its message.
	 */
	public static void requireAtMostMax(List<String> lines, String tooManyKey) {
		if (lines.size() > MAX_LINES) {
			throw DomainException.invalidField("idNumbers", tooManyKey);
		}
	}

	/**
	 * Does each line (at most {@link #MAX_LINES}, see {@link #requireAtMostMax}).
	 * @param each does one line, answering whether it was done before ({@code true}) or
	 * now; a refusal is thrown
	 * @param noAccountKey the message for an ID number of no account ({@code NOT_FOUND})
	 */
	public static Tally each(List<String> lines, Function<String, Boolean> each, String noAccountKey,
			MessageSource messages, Locale locale) {
		if (lines.size() > MAX_LINES) {
			throw new IllegalArgumentException("more than " + MAX_LINES + " lines");
		}
		int done = 0;
		int before = 0;
		List<Problem> problems = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String idNumber = lines.get(i).strip();
			if (idNumber.isEmpty()) {
				continue;
			}
			try {
				if (each.apply(idNumber)) {
					before++;
				}
				else {
					done++;
				}
			}
			catch (DomainException ex) {
				String key = switch (ex.code()) {
					case NOT_FOUND -> noAccountKey;
					case INVALID_ID_NUMBER ->
						Spreadsheets.digitsLost(idNumber) ? Spreadsheets.ID_NUMBER_DIGITS_LOST : ex.code().messageKey();
					default -> ex.code().messageKey();
				};
				problems.add(new Problem(i + 1, ex.code(), messages.getMessage(key, null, locale)));
			}
		}
		return new Tally(done, before, problems);
	}

	/**
	 * @param done lines done now
	 * @param before lines done before
	 * @param problems the lines refused
	 */
	public record Tally(int done, int before, List<Problem> problems) {
	}

	/** A line refused: its number (blank lines counted), its code and message. */
	public record Problem(int line, ErrorCode code, String message) {
	}

}
