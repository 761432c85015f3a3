package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.activity.ActivityDetails;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.ActivityMessages;
import org.yixing.activity.CheckInActivity;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.IdNumberLines;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * The admin console's activities of an organization (upcoming, in progress, ended, with
 * their counts) and an activity's live attendance: who has checked in, is on site, has
 * checked out or was voided and why, refreshing itself while the activity runs, with the
 * {@code .xlsx} export.
 */
@PageController
class AttendanceConsole {

	/** The form's limit is the rule's (an admin's reason: 1–200 characters). */
	@ModelAttribute("messageMax")
	int messageMax() {
		return ActivityMessages.TEXT_MAX;
	}

	@ModelAttribute("manualReasonMax")
	int manualReasonMax() {
		return ManualAttendance.REASON_MAX;
	}

	private final AttendanceLists lists;

	private final ActivityDirectory activities;

	private final OrganizationDirectory organizations;

	private final SignUps signUps;

	private final AccountDirectory accounts;

	private final ManualAttendance manual;

	private final PageFeedback feedback;

	private final Clock clock;

	private final SessionVoids voids;

	private final RiskEvidence evidence;

	private final SessionLists sessionLists;

	private final Ratings ratings;

	private final ActivityMessages messages;

	private final OrganizerSignUps organizerSignUps;

	private final RosterNotes notes;

	AttendanceConsole(ManualAttendance manual, PageFeedback feedback, AttendanceLists lists,
			ActivityDirectory activities, OrganizationDirectory organizations, SignUps signUps,
			AccountDirectory accounts, SessionVoids voids, RiskEvidence evidence, Clock clock,
			SessionLists sessionLists, Ratings ratings, ActivityMessages messages, OrganizerSignUps organizerSignUps,
			RosterNotes notes) {
		this.organizerSignUps = organizerSignUps;
		this.notes = notes;
		this.sessionLists = sessionLists;
		this.messages = messages;
		this.ratings = ratings;
		this.voids = voids;
		this.evidence = evidence;
		this.manual = manual;
		this.feedback = feedback;
		this.signUps = signUps;
		this.accounts = accounts;
		this.lists = lists;
		this.activities = activities;
		this.organizations = organizations;
		this.clock = clock;
	}

	@GetMapping("/admin/organizations/{id}/activities")
	String activities(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		OrganizationDirectory.OrganizationSummary organization = this.organizations.administeredBy(me,
				new OrganizationId(id));
		Instant now = this.clock.instant();
		List<ActivityDetails> all = this.activities.ofOrganization(organization.id());
		model.addAttribute("consoleOrganization", organization);
		List<ActivityDetails> held = all.stream().filter((a) -> !a.checkIn().cancelled()).toList();
		model.addAttribute("upcoming", held.stream().filter((a) -> now.isBefore(a.checkIn().startAt())).toList());
		model.addAttribute("running",
				held.stream()
					.filter((a) -> !now.isBefore(a.checkIn().startAt()) && !now.isAfter(a.checkIn().checkOutDeadline()))
					.toList());
		model.addAttribute("ended", held.stream().filter((a) -> now.isAfter(a.checkIn().checkOutDeadline())).toList());
		model.addAttribute("cancelled", all.stream().filter((a) -> a.checkIn().cancelled()).toList());
		model.addAttribute("counts", this.sessionLists.countsOfOrganization(id, now));
		model.addAttribute("ratings", this.sessionLists.ratingsOfOrganization(id));
		return "attendance/console/activities";
	}

	/** The live attendance page of an activity. */
	@GetMapping("/admin/activities/{id}")
	String attendance(AuthenticatedAccount me, @PathVariable UUID id, @RequestParam(defaultValue = "") String status,
			@RequestParam(required = false) @Nullable Integer minutes, @RequestParam(defaultValue = "") String risk,
			Model model) {
		Rows rows = fillRows(me, id, status, risk, model);
		CheckInActivity activity = rows.activity();
		model.addAttribute("ratings", this.ratings.summaryOf(activity));
		model.addAttribute("messages", this.messages.of(new ActivityId(id)));
		model.addAttribute("manualMinutes", (minutes != null) ? minutes : 0);
		model.addAttribute("cancellationReason",
				this.activities.details(new ActivityId(id)).map(ActivityDetails::cancellationReason).orElse(null));
		List<SignUps.SignUp> roster = this.signUps.roster(id);
		List<SignUps.SignUp> waitlist = this.signUps.waitlist(id);
		model.addAttribute("roster", roster);
		model.addAttribute("signUpBatchMax", IdNumberLines.MAX_LINES);
		model.addAttribute("waitlist", waitlist);
		// 报名未到: once the activity has started, which of those signed up came.
		Set<String> arrived = rows.all().stream().map(AttendanceLists.Attendee::accountId).collect(Collectors.toSet());
		model.addAttribute("arrived", arrived);
		model.addAttribute("rosterArrived",
				roster.stream().filter((s) -> arrived.contains(s.accountId().toString())).count());
		model.addAttribute("started", !this.clock.instant().isBefore(activity.startAt()));
		model.addAttribute("activityEnded", this.clock.instant().isAfter(activity.endAt()));
		List<UUID> people = Stream.concat(roster.stream(), waitlist.stream()).map(SignUps.SignUp::accountId).toList();
		model.addAttribute("rosterPeople", this.accounts.findAllByUuid(people));
		// 报名未到 (RULES §10), 未投保 (§9) and 时间冲突 (§5) beside each volunteer
		model.addAttribute("notes", this.notes.of(activity, people));
		return "attendance/console/attendance";
	}

	/**
	 * The rows and counts, for the page and for its refreshing (htmx every few seconds).
	 */
	@GetMapping("/admin/activities/{id}/rows")
	String rows(AuthenticatedAccount me, @PathVariable UUID id, @RequestParam(defaultValue = "") String status,
			@RequestParam(defaultValue = "") String risk, Model model) {
		fillRows(me, id, status, risk, model);
		return "attendance/console/attendance :: rows";
	}

	private Rows fillRows(AuthenticatedAccount me, UUID id, String status, String risk, Model model) {
		CheckInActivity activity = this.lists.administered(me, id);
		List<AttendanceLists.Attendee> all = this.lists.of(activity);
		@Nullable SessionStatus shown = Arrays.stream(SessionStatus.values())
			.filter((s) -> s.name().equals(status))
			.findFirst()
			.orElse(null);
		boolean risky = "1".equals(risk);
		model.addAttribute("activity", activity);
		model.addAttribute("consoleOrganization", this.organizations.find(activity.organizationId()).orElseThrow());
		model.addAttribute("attendees",
				all.stream()
					.filter((a) -> shown == null || a.status() == shown)
					.filter((a) -> !risky || !a.riskSignals().isEmpty())
					.toList());
		model.addAttribute("status", (shown != null) ? shown.name() : "");
		model.addAttribute("risky", risky);
		model.addAttribute("counts",
				Map.of("ALL", all.size(), "OPEN", count(all, SessionStatus.OPEN), "COMPLETED",
						count(all, SessionStatus.COMPLETED), "VOID", count(all, SessionStatus.VOID), "RISK",
						all.stream().filter((a) -> !a.riskSignals().isEmpty()).count()));
		Instant now = this.clock.instant();
		model.addAttribute("live",
				!activity.cancelled() && !now.isBefore(activity.startAt().minus(activity.checkInOpensBefore()))
						&& !now.isAfter(activity.checkOutDeadline()));
		return new Rows(activity, all);
	}

	private record Rows(CheckInActivity activity, List<AttendanceLists.Attendee> all) {
	}

	/**
	 * The non-face route on the activity's page: an admin on site checks a volunteer in
	 * ({@code action=in}) or out ({@code action=out}) by ID number, with a reason.
	 */
	@PostMapping("/admin/activities/{id}/manual")
	String manual(AuthenticatedAccount me, @PathVariable UUID id, @RequestParam(defaultValue = "") String action,
			@RequestParam(required = false) @Nullable String idNumber,
			@RequestParam(required = false) @Nullable String reason, HttpServletResponse response, Model model) {
		ManualAttendance.Who who = new ManualAttendance.Who(null, idNumber);
		try {
			boolean out = "out".equals(action);
			Session session = out ? this.manual.checkOut(me, id, who, reason)
					: this.manual.checkIn(me, id, who, reason).session();
			String name = java.net.URLEncoder.encode(this.accounts.find(new AccountId(session.accountId()))
				.map(AccountDirectory.AccountSummary::realName)
				.orElse(""), java.nio.charset.StandardCharsets.UTF_8);
			return "redirect:/admin/activities/" + id
					+ (out ? "?manualOut=" + name + "&minutes=" + session.creditMinutes() : "?manualIn=" + name);
		}
		catch (DomainException ex) {
			this.feedback.refuse(model, ex, response, "");
			model.addAttribute("manualIdNumber", idNumber);
			model.addAttribute("manualReason", reason);
			return attendance(me, id, "", null, "", model);
		}
	}

	/**
	 * 活动通知 (RULES §13) from the activity's page: the message goes to its volunteers, and
	 * the page says so; a refusal keeps the text in its field.
	 */
	@PostMapping("/admin/activities/{id}/messages")
	String message(AuthenticatedAccount me, @PathVariable UUID id, @ModelAttribute MessageForm form,
			HttpServletResponse response, Model model) {
		try {
			this.messages.send(me, new ActivityId(id), form.text());
			return "redirect:/admin/activities/" + id + "?messaged#messages";
		}
		catch (DomainException ex) {
			this.feedback.refuse(model, ex, response, "");
			model.addAttribute("messageText", (form.text() != null) ? form.text() : "");
			return attendance(me, id, "", null, "", model);
		}
	}

	record MessageForm(@Nullable String text) {
	}

	/**
	 * 代报名 (RULES §5) from the roster: a volunteer signed up by ID number; a refusal keeps
	 * the number in its field.
	 */
	@PostMapping("/admin/activities/{id}/sign-ups")
	String signUp(AuthenticatedAccount me, @PathVariable UUID id, @ModelAttribute SignUpForm form,
			HttpServletResponse response, Model model) {
		try {
			this.organizerSignUps.signUp(me, new ActivityId(id), new ManualAttendance.Who(null, form.idNumber()));
			return "redirect:/admin/activities/" + id + "?signedUp#roster";
		}
		catch (DomainException ex) {
			this.feedback.refuse(model, ex, response, "");
			model.addAttribute("signUpIdNumber", (form.idNumber() != null) ? form.idNumber() : "");
			return attendance(me, id, "", null, "", model);
		}
	}

	/** 批量代报名: the result by line, under the roster. */
	@PostMapping("/admin/activities/{id}/sign-ups/batch")
	String signUpAll(AuthenticatedAccount me, @PathVariable UUID id, @ModelAttribute SignUpBatchForm form,
			HttpServletResponse response, Model model) {
		try {
			model.addAttribute("signUpBatch", this.organizerSignUps.signUpAll(me, new ActivityId(id),
					IdNumberLines.of(form.idNumbers()), LocaleContextHolder.getLocale()));
			return attendance(me, id, "", null, "", model);
		}
		catch (DomainException ex) {
			this.feedback.refuse(model, ex, response, "");
			model.addAttribute("signUpIdNumbers", (form.idNumbers() != null) ? form.idNumbers() : "");
			return attendance(me, id, "", null, "", model);
		}
	}

	/** 批量代报名's form: ID numbers, one a line. */
	record SignUpBatchForm(@Nullable String idNumbers) {
	}

	/** Takes a sign-up away from the roster, before the start. */
	@PostMapping("/admin/activities/{id}/sign-ups/{accountId}/remove")
	String removeSignUp(AuthenticatedAccount me, @PathVariable UUID id, @PathVariable UUID accountId,
			HttpServletResponse response, Model model) {
		try {
			this.organizerSignUps.remove(me, new ActivityId(id), accountId);
			return "redirect:/admin/activities/" + id + "?signUpRemoved#roster";
		}
		catch (DomainException ex) {
			this.feedback.refuse(model, ex, response, "");
			return attendance(me, id, "", null, "", model);
		}
	}

	/** 代报名's form: the volunteer's ID number, as typed. */
	record SignUpForm(@Nullable String idNumber) {
	}

	/**
	 * A session's detail (RULES §12): its risk signals with their evidence (the accuracy,
	 * the other account at the same position, the implied speed), and 作废 with a reason
	 * while it is open.
	 */
	@GetMapping("/admin/activities/{id}/sessions/{sessionId}")
	String session(AuthenticatedAccount me, @PathVariable UUID id, @PathVariable UUID sessionId, Model model) {
		CheckInActivity activity = this.lists.administered(me, id);
		AttendanceLists.Attendee attendee = this.lists.of(activity)
			.stream()
			.filter((a) -> a.sessionId().equals(sessionId.toString()))
			.findFirst()
			.orElseThrow(() -> new DomainException(org.yixing.shared.ErrorCode.NOT_FOUND));
		model.addAttribute("activity", activity);
		model.addAttribute("consoleOrganization", this.organizations.find(activity.organizationId()).orElseThrow());
		model.addAttribute("attendee", attendee);
		model.addAttribute("evidence", this.evidence.describe(attendee.riskEvidence()));
		return "attendance/console/session";
	}

	@PostMapping("/admin/activities/{id}/sessions/{sessionId}/void")
	String voidSession(AuthenticatedAccount me, @PathVariable UUID id, @PathVariable UUID sessionId,
			@RequestParam(required = false) @Nullable String reason, HttpServletResponse response, Model model) {
		try {
			this.voids.voidOpen(me, sessionId, reason);
			return "redirect:/admin/activities/" + id + "?voided";
		}
		catch (DomainException ex) {
			this.feedback.refuse(model, ex, response, "");
			return session(me, id, sessionId, model);
		}
	}

	@GetMapping("/admin/activities/{id}/attendance.xlsx")
	ResponseEntity<byte[]> export(AuthenticatedAccount me, @PathVariable UUID id) {
		return AttendanceListController.xlsx(this.lists, this.lists.administered(me, id));
	}

	private static long count(List<AttendanceLists.Attendee> attendees, SessionStatus status) {
		return attendees.stream().filter((a) -> a.status() == status).count();
	}

}
