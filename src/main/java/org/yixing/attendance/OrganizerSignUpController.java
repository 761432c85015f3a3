package org.yixing.attendance;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.activity.ActivityId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.AdminOnly;
import org.yixing.shared.ApplicationClock;

/** 代报名 and the sign-up roster, for an activity's admins (RULES §5, docs/API.md). */
@RestController
@RequestMapping("/api/v1")
class OrganizerSignUpController {

	private final OrganizerSignUps signUps;

	OrganizerSignUpController(OrganizerSignUps signUps) {
		this.signUps = signUps;
	}

	/** The sign-up roster (报名名单), earliest first, with each one's 报名未到. */
	@AdminOnly
	@GetMapping("/activities/{id}/sign-ups")
	List<RosterEntry> roster(AuthenticatedAccount caller, @PathVariable UUID id) {
		return this.signUps.roster(caller, new ActivityId(id)).stream().map(RosterEntry::of).toList();
	}

	/**
	 * The waitlist (候补名单) in its order, with the roster's notes beside each one. It ends
	 * at the start (RULES §5): those left on it are kept a while, to be told no place
	 * came.
	 */
	@AdminOnly
	@GetMapping("/activities/{id}/waitlist")
	List<WaitlistEntry> waitlist(AuthenticatedAccount caller, @PathVariable UUID id) {
		List<OrganizerSignUps.Entry> waiting = this.signUps.waitlist(caller, new ActivityId(id));
		return IntStream.range(0, waiting.size())
			.mapToObj((i) -> WaitlistEntry.of(i + 1, RosterEntry.of(waiting.get(i))))
			.toList();
	}

	/**
	 * 代报名: signs a volunteer up, counted as their own sign-up is, but past 报名截止; they are
	 * told by a notice. One signed up already stays so.
	 */
	@AdminOnly
	@PostMapping("/activities/{id}/sign-ups")
	@ResponseStatus(HttpStatus.CREATED)
	RosterEntry signUp(AuthenticatedAccount caller, @PathVariable UUID id, @Valid @RequestBody Volunteer body) {
		UUID account = this.signUps.signUp(caller, new ActivityId(id),
				new ManualAttendance.Who(body.accountId(), body.idNumber()));
		return this.signUps.roster(caller, new ActivityId(id))
			.stream()
			.filter((e) -> e.accountId().equals(account))
			.findFirst()
			.map(RosterEntry::of)
			.orElseThrow();
	}

	/**
	 * 批量代报名: the volunteers of a list of ID numbers, one a line (a column pasted from a
	 * spreadsheet), each signed up as by one 代报名 and told; a line signed up before is
	 * counted, a line refused is named with its number, code and message.
	 */
	@AdminOnly
	@PostMapping("/activities/{id}/sign-ups/batch")
	SignUpBatchResult signUpAll(AuthenticatedAccount caller, @PathVariable UUID id, @Valid @RequestBody Volunteers body,
			Locale locale) {
		return SignUpBatchResult.of(this.signUps.signUpAll(caller, new ActivityId(id), body.idNumbers(), locale));
	}

	/**
	 * Takes a volunteer's sign-up away until the start; its place goes to the waitlist
	 * and they are told. None to take changes nothing.
	 */
	@AdminOnly
	@DeleteMapping("/activities/{id}/sign-ups/{accountId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(AuthenticatedAccount caller, @PathVariable UUID id, @PathVariable UUID accountId) {
		this.signUps.remove(caller, new ActivityId(id), accountId);
	}

	/**
	 * @param idNumbers resident ID numbers, one a volunteer, at most 500
	 */
	record Volunteers(@NotNull List<String> idNumbers) {
	}

	/**
	 * @param signedUp volunteers signed up now (each told by a notice)
	 * @param alreadySignedUp lines whose volunteer was signed up before
	 * @param errors the lines not signed up: their number (blank lines counted), code and
	 * message
	 */
	record SignUpBatchResult(int signedUp, int alreadySignedUp, List<SignUpBatchLine> errors) {

		static SignUpBatchResult of(OrganizerSignUps.Batch batch) {
			return new SignUpBatchResult(batch.signedUp(), batch.alreadySignedUp(),
					batch.problems()
						.stream()
						.map((p) -> new SignUpBatchLine(p.line(), p.code().name(), p.message()))
						.toList());
		}

	}

	/** A line not signed up: its number, its code (docs/RULES.md) and message. */
	record SignUpBatchLine(int line, String code, String message) {
	}

	/**
	 * @param accountId the volunteer's account, or
	 * @param idNumber their resident ID number
	 */
	record Volunteer(@Nullable UUID accountId, @Nullable @Size(max = 18) String idNumber) {
	}

	/**
	 * @param noShowsPastYear 报名未到: sign-ups kept without coming, of the organization's
	 * activities that ended in the past year (RULES §10)
	 * @param insured for an activity that requires insurance, not cancelled nor ended:
	 * whether a policy of the volunteer covers its day (without one the check-in is
	 * refused); {@code null} otherwise
	 * @param overlapping 时间冲突: the volunteer's other activities, not ended nor cancelled,
	 * signed up or waited for, whose times overlap this one's, earliest first; one of
	 * another organization is given by its time alone ({@code id} and {@code title} null)
	 */
	record RosterEntry(String accountId, String realName, String idNumberMasked, OffsetDateTime signedUpAt,
			int noShowsPastYear, @Nullable Boolean insured,
			List<VolunteerActivityController.OverlappingActivity> overlapping) {

		static RosterEntry of(OrganizerSignUps.Entry e) {
			return new RosterEntry(e.accountId().toString(), e.realName(), e.idNumberMasked(),
					ApplicationClock.local(e.signedUpAt()), e.noShowsPastYear(), e.insured(),
					e.overlapping()
						.stream()
						.map((c) -> new VolunteerActivityController.OverlappingActivity(
								(c.id() != null) ? c.id().toString() : null, c.title(),
								ApplicationClock.local(c.startAt()), ApplicationClock.local(c.endAt())))
						.toList());
		}

	}

	/**
	 * @param position 1 first: the next place freed or added goes to the first
	 * @param joinedAt when they joined the waitlist
	 * @param noShowsPastYear as on the roster
	 * @param insured as on the roster
	 * @param overlapping as on the roster
	 */
	record WaitlistEntry(int position, String accountId, String realName, String idNumberMasked,
			OffsetDateTime joinedAt, int noShowsPastYear, @Nullable Boolean insured,
			List<VolunteerActivityController.OverlappingActivity> overlapping) {

		static WaitlistEntry of(int position, RosterEntry entry) {
			return new WaitlistEntry(position, entry.accountId(), entry.realName(), entry.idNumberMasked(),
					entry.signedUpAt(), entry.noShowsPastYear(), entry.insured(), entry.overlapping());
		}

	}

}
