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

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.audit.AuditLog;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.sms.PhoneNumber;

/**
 * Imports a legacy roster (CSV: name, ID number, phone; an optional header line; UTF-8
 * with or without BOM). Each line stands alone: bad lines are reported and skipped,
 * already-registered ID numbers are skipped, so a retried import does no harm.
 */
@Service
class RosterImport {

	static final int MAX_LINES = 5000;

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
		staff.requireStaff();
		LocalDate today = ApplicationClock.today(this.clock);
		List<LineProblem> problems = new ArrayList<>();
		int created = 0;
		int alreadyRegistered = 0;
		int lineNumber = 0;
		try (BufferedReader reader = new BufferedReader(csv)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lineNumber++;
				if (lineNumber > MAX_LINES) {
					problems.add(new LineProblem(lineNumber, "TOO_MANY_LINES", "max " + MAX_LINES));
					break;
				}
				String clean = (lineNumber == 1) ? line.replace("\uFEFF", "") : line;
				if (clean.isBlank() || (lineNumber == 1 && isHeader(clean))) {
					continue;
				}
				String[] fields = clean.split("[,，\\t]", -1);
				try {
					if (fields.length < 2 || fields[0].isBlank()) {
						throw new DomainException(org.yixing.shared.ErrorCode.VALIDATION_FAILED);
					}
					IdNumber idNumber = IdNumber.parse(fields[1], today);
					PhoneNumber phone = (fields.length > 2 && !fields[2].isBlank()) ? PhoneNumber.parse(fields[2])
							: null;
					if (this.registration.importFromRoster(fields[0].strip(), idNumber, phone).isPresent()) {
						created++;
					}
					else {
						alreadyRegistered++;
					}
				}
				catch (DomainException ex) {
					problems.add(new LineProblem(lineNumber, ex.code().name(),
							this.messages.getMessage(ex.code().messageKey(), ex.messageArguments(), locale)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int total = created;
		int skipped = alreadyRegistered;
		int failed = problems.size();
		// A roster of nothing but bad lines changed nothing: no record of a change.
		if (total > 0 || skipped > 0) {
			this.transactions.executeWithoutResult((status) -> this.audit.record(staff.id().value(), "ROSTER_IMPORTED",
					"PLATFORM", "accounts", Map.of("created", total, "alreadyRegistered", skipped, "failed", failed)));
		}
		return new Result(created, alreadyRegistered, problems);
	}

	private static boolean isHeader(String line) {
		String lower = line.toLowerCase(java.util.Locale.ROOT);
		return lower.contains("name") || line.contains("姓名") || line.contains("身份证");
	}

	record Result(int created, int alreadyRegistered, List<LineProblem> errors) {
	}

	record LineProblem(int line, String code, String message) {
	}

}
