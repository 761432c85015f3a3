package org.yixing.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.web.Spreadsheets;

/**
 * 批量添加成员: members added by a list of ID numbers, one a line, as an admin pastes a column
 * of a spreadsheet at the start of a term (RULES §4: admins can add a volunteer
 * directly). Each line is one direct addition in its own transaction, audited as such; a
 * line that cannot be added is named with its reason, and one already a member is
 * counted, so that the same list again does no harm.
 */
@Service
class MemberBatch {

	/** At most this many lines at once. */
	static final int MAX_LINES = 500;

	private final MembershipManagement management;

	private final MessageSource messages;

	MemberBatch(MembershipManagement management, MessageSource messages) {
		this.management = management;
		this.messages = messages;
	}

	/**
	 * Adds the volunteer of each line; blank lines are skipped. Refused as a whole when
	 * the caller may not add members here, or for more than {@link #MAX_LINES} lines
	 * ({@code VALIDATION_FAILED} on {@code idNumbers}).
	 */
	Result add(AuthenticatedAccount caller, OrganizationId id, List<String> idNumbers, Locale locale) {
		if (idNumbers.size() > MAX_LINES) {
			throw DomainException.invalidField("idNumbers", "console.members.batch.tooMany");
		}
		this.management.requireAdding(caller, id);
		int added = 0;
		int alreadyMembers = 0;
		List<LineProblem> problems = new ArrayList<>();
		for (int i = 0; i < idNumbers.size(); i++) {
			String idNumber = idNumbers.get(i).strip();
			if (idNumber.isEmpty()) {
				continue;
			}
			try {
				this.management.addByIdNumber(caller, id, idNumber);
				added++;
			}
			catch (DomainException ex) {
				if (ex.code() == ErrorCode.ALREADY_MEMBER) {
					alreadyMembers++;
				}
				else {
					problems.add(new LineProblem(i + 1, ex.code().name(),
							this.messages.getMessage(messageKey(ex.code(), idNumber), null, locale)));
				}
			}
		}
		return new Result(added, alreadyMembers, problems);
	}

	/** What a refused line lacks, in the words of a list rather than of a form. */
	private static String messageKey(ErrorCode code, String idNumber) {
		return switch (code) {
			case NOT_FOUND -> "console.members.batch.noAccount";
			case INVALID_ID_NUMBER ->
				Spreadsheets.digitsLost(idNumber) ? Spreadsheets.ID_NUMBER_DIGITS_LOST : code.messageKey();
			default -> code.messageKey();
		};
	}

	/**
	 * @param added volunteers who became members
	 * @param alreadyMembers lines whose volunteer was a member already
	 * @param errors the lines not added: their number (blank lines counted), code and
	 * message
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "MemberBatchResult")
	record Result(int added, int alreadyMembers, List<LineProblem> errors) {
	}

	/** A line not added: its number, its code (docs/RULES.md) and message. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "MemberBatchLine")
	record LineProblem(int line, String code, String message) {
	}

}
