package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationPolicy;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.geo.Geofence;
import org.yixing.shared.web.Spreadsheets;

/**
 * An activity's attendance list for its admins: who checked in, when, from where and how,
 * with the status as of now; as rows, and as the {@code .xlsx} the API and the console
 * download.
 */
@Service
class AttendanceLists {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final ActivityDirectory activities;

	private final AccountDirectory accounts;

	private final OrganizationPolicy policy;

	private final Clock clock;

	private final MessageSource messages;

	private final OrganizationDirectory organizations;

	private final SessionLists lists;

	private final SignUps signUps;

	private final RosterNotes notes;

	AttendanceLists(ActivityDirectory activities, AccountDirectory accounts, OrganizationPolicy policy, Clock clock,
			MessageSource messages, OrganizationDirectory organizations, SessionLists lists, SignUps signUps,
			RosterNotes notes) {
		this.signUps = signUps;
		this.notes = notes;
		this.lists = lists;
		this.organizations = organizations;
		this.messages = messages;
		this.activities = activities;
		this.accounts = accounts;
		this.policy = policy;
		this.clock = clock;
	}

	/** The activity, when the caller administers it (else 403 {@code FORBIDDEN}). */
	CheckInActivity administered(AuthenticatedAccount caller, UUID id) {
		CheckInActivity activity = this.activities.find(new ActivityId(id))
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, activity.organizationId());
		return activity;
	}

	List<Attendee> of(AuthenticatedAccount caller, UUID id) {
		return of(administered(caller, id));
	}

	/** The list of an activity the caller was already found to administer. */
	List<Attendee> of(CheckInActivity activity) {
		UUID id = activity.id().value();
		Instant now = this.clock.instant();
		List<Session> sessions = this.lists.ofActivity(id);
		Map<UUID, SessionLists.Details> details = this.lists.detailsOfActivity(id);
		GeoPoint centre = activity.geofence().centre();
		Map<AccountId, AccountDirectory.AccountSummary> people = this.accounts
			.findAll(sessions.stream().map((s) -> new AccountId(s.accountId())).distinct().toList());
		// RULES §14: the 学号 the university's campus sign-on gave, for its subtree's
		// admins.
		Map<UUID, String> numbers = this.organizations.studentNumbers(activity.organizationId(),
				sessions.stream().map(Session::accountId).distinct().toList());
		return sessions.stream().map((s) -> {
			AccountDirectory.AccountSummary person = people.get(new AccountId(s.accountId()));
			SessionLists.Details d = details.get(s.id());
			GeoPoint at = (d != null) ? d.checkInPosition() : null;
			return new Attendee(s.id().toString(), s.accountId().toString(),
					(person != null) ? person.realName() : null, (person != null) ? person.idNumberMasked() : null,
					ApplicationClock.local(s.checkedInAt()),
					(s.checkedOutAt() != null) ? ApplicationClock.local(s.checkedOutAt()) : null, s.checkInAccuracy(),
					s.checkOutAccuracy(), s.deviceId(), s.method(), s.statusAt(now), s.creditMinutes(),
					(d != null) ? d.stars() : null,
					(at != null) ? (int) Math.round(Geofence.distance(centre, at)) : null,
					voidReason(s, now, (d != null) ? d.voidReason() : null), (d != null) ? d.checkInReason() : null,
					(d != null) ? d.checkOutMethod() : null, (d != null) ? d.checkOutReason() : null,
					(d != null) ? d.riskSignals() : List.of(), (d != null) ? d.riskEvidence() : List.of(),
					(d != null) ? d.voidReason() : null, numbers.get(s.accountId()));
		}).toList();
	}

	/**
	 * The attendance list, then the sign-up roster (报名名单: who came, once the activity has
	 * started, and beside each one what the console's roster says: 报名未到, insurance where
	 * the activity asks for it, 时间冲突) and the waitlist (候补名单), each a sheet.
	 */
	byte[] spreadsheet(CheckInActivity activity, List<Attendee> attendees) {
		UUID id = activity.id().value();
		List<SignUps.SignUp> roster = this.signUps.roster(id);
		List<SignUps.SignUp> waitlist = this.signUps.waitlist(id);
		List<UUID> people = Stream.concat(roster.stream(), waitlist.stream())
			.map(SignUps.SignUp::accountId)
			.distinct()
			.toList();
		Map<UUID, AccountDirectory.AccountSummary> persons = this.accounts.findAllByUuid(people);
		Map<UUID, String> numbers = this.organizations.studentNumbers(activity.organizationId(), people);
		Set<String> arrived = attendees.stream().map(Attendee::accountId).collect(Collectors.toSet());
		boolean started = !this.clock.instant().isBefore(activity.startAt());
		RosterNotes.Notes notes = this.notes.of(activity, people);
		return attendance(attendees, (workbook) -> {
			Sheet signedUp = Spreadsheets.sheet(workbook, "报名名单",
					List.of("序号 No.", "姓名 Name", "身份证号 ID number", "学号 Student number", "报名时间 Signed up", "是否到场 Came",
							"近一年报名未到 No-shows, past year", "保险 Insured", "时间冲突 Time clash"));
			int r = 1;
			for (SignUps.SignUp s : roster) {
				Row row = person(signedUp.createRow(r), r++, persons.get(s.accountId()), numbers.get(s.accountId()),
						s.signedUpAt());
				row.createCell(5)
					.setCellValue(!started ? "" : label("console.roster.",
							arrived.contains(s.accountId().toString()) ? "arrived" : "absent"));
				notes(row, 6, notes, s.accountId());
			}
			Sheet waiting = Spreadsheets.sheet(workbook, "候补名单",
					List.of("候补位次 Position", "姓名 Name", "身份证号 ID number", "学号 Student number", "候补时间 Joined",
							"近一年报名未到 No-shows, past year", "保险 Insured", "时间冲突 Time clash"));
			r = 1;
			for (SignUps.SignUp s : waitlist) {
				notes(person(waiting.createRow(r), r++, persons.get(s.accountId()), numbers.get(s.accountId()),
						s.signedUpAt()), 5, notes, s.accountId());
			}
		});
	}

	/** The roster's notes (RosterNotes) in three cells from {@code column} on. */
	private void notes(Row row, int column, RosterNotes.Notes notes, UUID account) {
		row.createCell(column).setCellValue(notes.noShowsOf(account));
		Boolean insured = notes.insured(account);
		row.createCell(column + 1)
			.setCellValue((insured == null) ? "" : label("console.roster.", insured ? "insured" : "uninsured"));
		row.createCell(column + 2)
			.setCellValue(notes.clashesOf(account)
				.stream()
				.map((c) -> (c.title() != null) ? c.title()
						: label("console.roster.", "clashElsewhere") + " "
								+ TIME.format(ApplicationClock.local(c.startAt())))
				.collect(Collectors.joining("、")));
	}

	private static Row person(Row row, int number, AccountDirectory.@Nullable AccountSummary person,
			@Nullable String studentNumber, Instant at) {
		row.createCell(0).setCellValue(number);
		row.createCell(1).setCellValue((person != null) ? person.realName() : "");
		row.createCell(2).setCellValue((person != null) ? person.idNumberMasked() : "");
		row.createCell(3).setCellValue((studentNumber != null) ? studentNumber : "");
		row.createCell(4).setCellValue(TIME.format(ApplicationClock.local(at)));
		return row;
	}

	private byte[] attendance(List<Attendee> attendees, Consumer<Workbook> more) {
		List<String> headers = List.of("姓名 Name", "身份证号 ID number", "签到时间 Checked in", "签退时间 Checked out",
				"签到定位精度(米) Accuracy in", "签退定位精度(米) Accuracy out", "设备 Device", "方式 Method", "状态 Status",
				"信用时长(分钟) Credit minutes", "评分 Rating", "手动签到原因 Manual check-in reason",
				"手动签退原因 Manual check-out reason", "风险提示 Risk signals", "作废原因 Void reason", "学号 Student number");
		return Spreadsheets.xlsx((workbook) -> {
			Sheet sheet = Spreadsheets.sheet(workbook, "签到记录", headers);
			int r = 1;
			for (Attendee a : attendees) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(String.valueOf(a.realName()));
				row.createCell(1).setCellValue(String.valueOf(a.idNumberMasked()));
				row.createCell(2).setCellValue(TIME.format(a.checkedInAt()));
				row.createCell(3).setCellValue((a.checkedOutAt() != null) ? TIME.format(a.checkedOutAt()) : "");
				number(row, 4, a.checkInAccuracyMeters());
				number(row, 5, a.checkOutAccuracyMeters());
				row.createCell(6).setCellValue(a.deviceId());
				row.createCell(7).setCellValue(label("console.method.", a.method()));
				row.createCell(8).setCellValue(label("console.count.", a.status().name()));
				row.createCell(9).setCellValue(a.creditMinutes());
				number(row, 10, (a.rating() != null) ? a.rating().doubleValue() : null);
				row.createCell(11).setCellValue((a.manualCheckInReason() != null) ? a.manualCheckInReason() : "");
				row.createCell(12).setCellValue((a.manualCheckOutReason() != null) ? a.manualCheckOutReason() : "");
				row.createCell(13).setCellValue(String.join(", ", a.riskSignals()));
				row.createCell(14).setCellValue((a.adminVoidReason() != null) ? a.adminVoidReason() : "");
				row.createCell(15).setCellValue((a.studentNumber() != null) ? a.studentNumber() : "");
			}
			more.accept(workbook);
		});
	}

	/** 在岗 / 已签退 / 无效, 快速签到 / 人脸识别签到 / …: the console's own words. */
	private String label(String prefix, String value) {
		return this.messages.getMessage(prefix + value, null, value, Locale.SIMPLIFIED_CHINESE);
	}

	/**
	 * The export's file name: the activity's title and date, e.g.
	 * {@code 图书馆志愿服务 2026-12-01 签到记录.xlsx}, without characters a file system refuses.
	 */
	static String fileName(CheckInActivity activity) {
		return safeFileName(activity.title()) + " " + activity.startAt().atZone(ApplicationClock.ZONE).toLocalDate()
				+ " 签到记录.xlsx";
	}

	/**
	 * An activity's title as part of a file name: without characters a file system
	 * refuses.
	 */
	static String safeFileName(String title) {
		return title.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
	}

	/**
	 * Why a session is void: not checked out by the deadline, open at midnight, or voided
	 * by an admin.
	 */
	private static @Nullable String voidReason(Session session, Instant now, @Nullable String byAdmin) {
		if (session.statusAt(now) != SessionStatus.VOID) {
			return null;
		}
		return (byAdmin != null) ? "ADMIN" : session.expiryReason().name();
	}

	private static void number(Row row, int column, @Nullable Double value) {
		if (value != null) {
			row.createCell(column).setCellValue(value);
		}
	}

	/**
	 * @param metresFromCentre from the fence's centre to where the volunteer checked in
	 * @param voidReason DEADLINE or MIDNIGHT for a void session, ADMIN when an admin
	 * voided it
	 * @param method QUICK, FACE, MANUAL (an admin checked the volunteer in by hand) or
	 * SCAN (an admin scanned the volunteer's personal code)
	 * @param checkOutMethod MANUAL when an admin checked the volunteer out by hand, SCAN
	 * by a scan
	 * @param riskSignals 风险提示 (RULES §12) of the check-in and check-out
	 * @param riskEvidence each signal with what showed it: {@code signal}, {@code at} (IN
	 * or OUT) and e.g. {@code accuracyMeters}, {@code otherAccountId}, {@code speedKmh}
	 * @param adminVoidReason the reason an admin gave for voiding
	 * @param studentNumber the 学号 from the university's campus sign-on (RULES §14), when
	 * linked
	 */
	record Attendee(String sessionId, String accountId, @Nullable String realName, @Nullable String idNumberMasked,
			OffsetDateTime checkedInAt, @Nullable OffsetDateTime checkedOutAt, @Nullable Double checkInAccuracyMeters,
			@Nullable Double checkOutAccuracyMeters, String deviceId, String method, SessionStatus status,
			int creditMinutes, @Nullable Integer rating, @Nullable Integer metresFromCentre,
			@Nullable String voidReason, @Nullable String manualCheckInReason, @Nullable String checkOutMethod,
			@Nullable String manualCheckOutReason, List<String> riskSignals, List<?> riskEvidence,
			@Nullable String adminVoidReason, @Nullable String studentNumber) {
	}

}
