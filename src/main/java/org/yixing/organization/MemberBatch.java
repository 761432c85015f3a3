package org.yixing.organization;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.web.IdNumberLines;

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
	static final int MAX_LINES = IdNumberLines.MAX_LINES;

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
		IdNumberLines.requireAtMostMax(idNumbers, "console.members.batch.tooMany");
		this.management.requireAdding(caller, id);
		IdNumberLines.Tally tally = IdNumberLines.each(idNumbers, (idNumber) -> {
			try {
				this.management.addByIdNumber(caller, id, idNumber);
				return false;
			}
			catch (DomainException ex) {
				if (ex.code() == ErrorCode.ALREADY_MEMBER) {
					return true;
				}
				throw ex;
			}
		}, "console.members.batch.noAccount", this.messages, locale);
		return new Result(tally.done(), tally.before(),
				tally.problems().stream().map((p) -> new LineProblem(p.line(), p.code().name(), p.message())).toList());
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
