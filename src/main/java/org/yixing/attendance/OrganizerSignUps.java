package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationPolicy;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.web.IdNumberLines;

/**
 * 代报名 (RULES §5): an activity's admins sign a volunteer up (an association assigning
 * people) or take a sign-up away, and read the sign-up roster. The places are counted as
 * a volunteer's own sign-up counts them, after those waiting; an admin may sign up past
 * 报名截止, which closes sign-ups to volunteers only. The volunteer is told either way.
 */
@Service
class OrganizerSignUps {

	private final SignUps signUps;

	private final ManualAttendance manual;

	private final ActivityDirectory activities;

	private final OrganizationPolicy policy;

	private final AccountDirectory accounts;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final RosterNotes notes;

	private final MessageSource messages;

	OrganizerSignUps(SignUps signUps, ManualAttendance manual, ActivityDirectory activities, OrganizationPolicy policy,
			AccountDirectory accounts, AuditLog audit, ApplicationEventPublisher events, Clock clock,
			TransactionTemplate transactions, RosterNotes notes, MessageSource messages) {
		this.messages = messages;
		this.transactions = transactions;
		this.notes = notes;
		this.signUps = signUps;
		this.manual = manual;
		this.activities = activities;
		this.policy = policy;
		this.accounts = accounts;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Signs the volunteer up; one signed up already stays so, and nobody is told twice.
	 * Refused as a volunteer's own sign-up is, but for 报名截止; {@code ACTIVITY_FULL} after
	 * the transaction, which keeps the places it gave to those waiting.
	 */
	UUID signUp(AuthenticatedAccount admin, ActivityId id, ManualAttendance.Who who) {
		return hold(admin, id, who).account();
	}

	/**
	 * 批量代报名: signs up the volunteer of each line, as {@link #signUp} does one (a line
	 * signed up before is counted, so the same list again does no harm; a full activity
	 * refuses the lines after its last place). Refused as a whole for one who does not
	 * administer the activity, or for more than {@link IdNumberLines#MAX_LINES} lines.
	 */
	Batch signUpAll(AuthenticatedAccount admin, ActivityId id, List<String> idNumbers, Locale locale) {
		IdNumberLines.requireAtMostMax(idNumbers, "console.roster.batch.tooMany");
		administered(admin, id);
		IdNumberLines.Tally tally = IdNumberLines.each(idNumbers,
				(idNumber) -> hold(admin, id, new ManualAttendance.Who(null, idNumber)).held() == SignUps.Held.ALREADY,
				"console.roster.batch.noAccount", this.messages, locale);
		return new Batch(tally.done(), tally.before(), tally.problems());
	}

	private Signed hold(AuthenticatedAccount admin, ActivityId id, ManualAttendance.Who who) {
		CheckInActivity activity = administered(admin, id);
		UUID account = this.manual.volunteer(who);
		Instant now = this.clock.instant();
		this.signUps.requireJoinable(activity, account, now, false);
		SignUps.Held held = this.transactions.execute((status) -> {
			SignUps.Held outcome = this.signUps.holdFor(activity, account, now);
			if (outcome == SignUps.Held.NOW) {
				this.audit.record(admin.id().value(), "SIGN_UP_BY_ADMIN", "ACTIVITY", id.toString(),
						Map.of("accountId", account.toString()));
				this.events.publishEvent(new SignedUpByOrganizer(id, account, activity.title(), activity.startAt(),
						false, UUID.randomUUID()));
			}
			return outcome;
		});
		if (held == SignUps.Held.FULL) {
			throw new DomainException(ErrorCode.ACTIVITY_FULL);
		}
		return new Signed(account, held);
	}

	private record Signed(UUID account, SignUps.Held held) {
	}

	/**
	 * @param signedUp lines signed up now
	 * @param alreadySignedUp lines signed up before
	 * @param problems the lines refused
	 */
	record Batch(int signedUp, int alreadySignedUp, List<IdNumberLines.Problem> problems) {
	}

	/**
	 * Takes the volunteer's sign-up away until the start ({@code SIGN_UP_CLOSED} after
	 * it); its place goes to the waitlist. None to take changes nothing.
	 */
	@Transactional
	void remove(AuthenticatedAccount admin, ActivityId id, UUID account) {
		CheckInActivity activity = administered(admin, id);
		Instant now = this.clock.instant();
		if (this.signUps.release(activity, account, now)) {
			this.audit.record(admin.id().value(), "SIGN_UP_REMOVED_BY_ADMIN", "ACTIVITY", id.toString(),
					Map.of("accountId", account.toString()));
			this.events.publishEvent(new SignedUpByOrganizer(id, account, activity.title(), activity.startAt(), true,
					UUID.randomUUID()));
		}
	}

	/** The sign-up roster, earliest first, for the activity's admins. */
	List<Entry> roster(AuthenticatedAccount admin, ActivityId id) {
		return entries(administered(admin, id), this.signUps.roster(id.value()));
	}

	/**
	 * The waitlist (候补名单) in its order, first first, for the activity's admins, with the
	 * roster's notes beside each one: who would get a place that frees.
	 */
	List<Entry> waitlist(AuthenticatedAccount admin, ActivityId id) {
		return entries(administered(admin, id), this.signUps.waitlist(id.value()));
	}

	private List<Entry> entries(CheckInActivity activity, List<SignUps.SignUp> list) {
		List<UUID> people = list.stream().map(SignUps.SignUp::accountId).toList();
		Map<UUID, AccountDirectory.AccountSummary> persons = this.accounts.findAllByUuid(people);
		RosterNotes.Notes notes = this.notes.of(activity, people);
		return list.stream().map((s) -> {
			AccountDirectory.AccountSummary person = persons.get(s.accountId());
			return new Entry(s.accountId(), (person != null) ? person.realName() : "",
					(person != null) ? person.idNumberMasked() : "", s.signedUpAt(), notes.noShowsOf(s.accountId()),
					notes.insured(s.accountId()), notes.clashesOf(s.accountId()));
		}).toList();
	}

	private CheckInActivity administered(AuthenticatedAccount admin, ActivityId id) {
		CheckInActivity activity = this.activities.find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(admin, activity.organizationId());
		return activity;
	}

	/**
	 * @param noShowsPastYear 报名未到 of the organization's activities in the past year
	 */
	record Entry(UUID accountId, String realName, String idNumberMasked, Instant signedUpAt, int noShowsPastYear,
			@Nullable Boolean insured, List<RosterNotes.Clash> overlapping) {
	}

}
