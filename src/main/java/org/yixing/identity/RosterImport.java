package org.yixing.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.audit.AuditLog;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.web.Spreadsheets;
import org.yixing.sms.PhoneNumber;

/**
 * Imports a legacy roster (CSV: name, ID number, phone, each field optionally in double
 * quotes; an optional header line; UTF-8 with or without BOM). Each line stands alone:
 * bad lines are reported and skipped, already-registered ID numbers are skipped, so a
 * retried import does no harm.
 */
@Service
class RosterImport {

	static final int MAX_LINES = 5000;

	/** The code of the line after the last one imported, in a roster of too many. */
	static final String TOO_MANY_LINES = "TOO_MANY_LINES";

	private final AccountRegistration registration;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final MessageSource messages;

	private final Clock clock;

	RosterImport(AccountRegistration registration, AuditLog audit, TransactionTemplate transactions,
			MessageSource messages, Clock clock) {
		this.registration = registration;
		this.audit = audit;
		this.transactions = transactions;
		this.messages = messages;
		this.clock = clock;
	}

	Result run(AuthenticatedAccount staff, Reader csv, java.util.Locale locale) {
		return run(staff, csv, locale, Watch.NONE);
	}

	/**
	 * Imports {@code csv} line by line, telling {@code watch} after each line and asking
	 * it before the next (an import in the background: {@link RosterImports}).
	 */
	Result run(AuthenticatedAccount staff, Reader csv, java.util.Locale locale, Watch watch) {
		staff.requireStaff();
		LocalDate today = ApplicationClock.today(this.clock);
		List<Refusal> refusals = new ArrayList<>();
		int created = 0;
		int alreadyRegistered = 0;
		int lineNumber = 0;
		try (BufferedReader reader = new BufferedReader(csv)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (watch.stopping()) {
					break;
				}
				lineNumber++;
				@Nullable Refusal refused = null;
				if (lineNumber > MAX_LINES) {
					refused = new Refusal(lineNumber, TOO_MANY_LINES, "roster.TOO_MANY_LINES");
					refusals.add(refused);
					watch.after(lineNumber, created, alreadyRegistered, refused);
					break;
				}
				String clean = (lineNumber == 1) ? line.replace("\uFEFF", "") : line;
				String[] fields = fields(clean);
				boolean done = clean.isBlank() || (lineNumber == 1 && isHeader(clean));
				while (!done) {
					try {
						if (fields.length < 2) {
							throw new DomainException(ErrorCode.VALIDATION_FAILED);
						}
						String realName = RealName.check(fields[0]);
						IdNumber idNumber = IdNumber.parse(fields[1], today);
						PhoneNumber phone = (fields.length > 2 && !fields[2].isBlank()) ? PhoneNumber.parse(fields[2])
								: null;
						if (this.registration.importFromRoster(realName, idNumber, phone).isPresent()) {
							created++;
						}
						else {
							alreadyRegistered++;
						}
						done = true;
					}
					catch (DomainException ex) {
						// busy hashing passwords (PasswordWork): the line again, if the
						// watch waits
						if (ex.code() == ErrorCode.SERVICE_UNAVAILABLE && watch.waitedForTurn()) {
							continue;
						}
						refused = new Refusal(lineNumber, ex.code().name(), messageKey(ex.code(), fields));
						refusals.add(refused);
						done = true;
					}
				}
				watch.after(lineNumber, created, alreadyRegistered, refused);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int total = created;
		int skipped = alreadyRegistered;
		int failed = refusals.size();
		// A roster of nothing but bad lines changed nothing: no record of a change.
		if (total > 0 || skipped > 0) {
			this.transactions.executeWithoutResult((status) -> this.audit.record(staff.id().value(), "ROSTER_IMPORTED",
					"PLATFORM", "accounts", Map.of("created", total, "alreadyRegistered", skipped, "failed", failed)));
		}
		return new Result(created, alreadyRegistered, refusals.stream().map((r) -> told(r, locale)).toList());
	}

	/**
	 * A refused line told in {@code locale}: an import in the background keeps only the
	 * code and the message's key, so that each reader sees the message in their own
	 * language.
	 */
	LineProblem told(Refusal refusal, java.util.Locale locale) {
		Object[] arguments = TOO_MANY_LINES.equals(refusal.code()) ? new Object[] { MAX_LINES } : null;
		return new LineProblem(refusal.line(), refusal.code(),
				this.messages.getMessage(refusal.messageKey(), arguments, refusal.code(), locale));
	}

	/**
	 * The key of a refused line's message: what the line lacks, where the code's own
	 * message would speak of a request or a form.
	 */
	private static String messageKey(ErrorCode code, String[] fields) {
		return switch (code) {
			case VALIDATION_FAILED -> "roster.VALIDATION_FAILED";
			case INVALID_ID_NUMBER ->
				Spreadsheets.digitsLost(fields[1]) ? Spreadsheets.ID_NUMBER_DIGITS_LOST : code.messageKey();
			default -> code.messageKey();
		};
	}

	/**
	 * A line's fields, separated by commas (half- or full-width) or tabs; a field in
	 * double quotes (RFC 4180, as many tools write every field) may hold separators, and
	 * {@code ""} in it stands for one quote.
	 */
	static String[] fields(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c != '"') {
					field.append(c);
				}
				else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else {
					quoted = false;
				}
			}
			else if (c == '"' && field.toString().isBlank()) {
				quoted = true;
				field.setLength(0);
			}
			else if (c == ',' || c == '，' || c == '\t') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields.toArray(String[]::new);
	}

	private static boolean isHeader(String line) {
		String lower = line.toLowerCase(java.util.Locale.ROOT);
		return lower.contains("name") || line.contains("姓名") || line.contains("身份证");
	}

	record Result(int created, int alreadyRegistered, List<LineProblem> errors) {
	}

	/** What an import is told after each line, and asked before the next. */
	interface Watch {

		/** An import in the request: no one watches, a line turned away is reported. */
		Watch NONE = new Watch() {
		};

		/** Before each line: whether to stop here (the server is stopping). */
		default boolean stopping() {
			return false;
		}

		/**
		 * A line was turned away because every turn at hashing passwords was taken for
		 * longer than a request waits: whether the watch waited so that it be tried
		 * again, or it is to be reported.
		 */
		default boolean waitedForTurn() {
			return false;
		}

		/**
		 * After each line: the lines read and the tallies so far, and this line's
		 * problem.
		 */
		default void after(int lines, int created, int alreadyRegistered, @Nullable Refusal refused) {
		}

	}

	/** A refused line, as the API and the console tell it. */
	record LineProblem(int line, String code, String message) {
	}

	/**
	 * A refused line as it is kept: its code (docs/RULES.md, or {@link #TOO_MANY_LINES}),
	 * and the key of its message. A line without a name or ID number, or with a name of
	 * over {@value RealName#MAX} characters, is {@code VALIDATION_FAILED}, told as such;
	 * an ID number that a spreadsheet turned into a number in scientific notation, its
	 * last digits lost, is {@code INVALID_ID_NUMBER}, told as such.
	 */
	record Refusal(int line, String code, String messageKey) {
	}

}
