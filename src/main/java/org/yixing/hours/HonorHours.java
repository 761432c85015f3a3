package org.yixing.hours;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;
import org.yixing.activity.ServiceRecord;
import org.yixing.attendance.AttendanceDirectory;
import org.yixing.attendance.SessionStatus;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.organization.OrganizationPolicy;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Honor hours (荣誉时数, RULES §8): added or removed by admins of an organization the
 * volunteer belongs to, only for the reasons the rules allow, never for a session voided
 * because the volunteer did not check out. Every entry is appended, never changed.
 */
@Service
class HonorHours {

	static final int MAX_MINUTES = 24 * 60 * 30;

	private final Ledger ledger;

	private final OrganizationPolicy policy;

	private final OrganizationDirectory organizations;

	private final ActivityDirectory activities;

	private final AttendanceDirectory attendance;

	private final AuditLog audit;

	private final Clock clock;

	private final EvidenceFiles evidence;

	HonorHours(Ledger ledger, OrganizationPolicy policy, OrganizationDirectory organizations,
			ActivityDirectory activities, AttendanceDirectory attendance, AuditLog audit, Clock clock,
			EvidenceFiles evidence) {
		this.evidence = evidence;
		this.ledger = ledger;
		this.policy = policy;
		this.organizations = organizations;
		this.activities = activities;
		this.attendance = attendance;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Checks everything but the caller's scope: the rules of a makeup itself (RULES §8).
	 * Added minutes never duplicate credit: not for an activity the volunteer already has
	 * credit for, nor for a session voided because they did not check out, whether the
	 * makeup names the session, only the activity, or neither but the same day; and not
	 * for a cancelled activity.
	 */
	void checkMakeup(AccountId volunteer, OrganizationId organization, Makeup makeup) {
		if (makeup.minutes() == 0 || Math.abs(makeup.minutes()) > MAX_MINUTES) {
			throw DomainException.invalidField("minutes", "makeup.minutes.invalid");
		}
		boolean removal = makeup.minutes() < 0;
		if (removal ? !makeup.reason().allowsRemoval() : !makeup.reason().allowed()) {
			throw refused(makeup.reason().explanationKey());
		}
		if (!this.organizations.isMemberOfOrBelow(volunteer, organization)) {
			throw new DomainException(ErrorCode.NOT_ORGANIZATION_MEMBER);
		}
		UUID activity = makeup.activityId();
		if (makeup.sessionId() != null) {
			AttendanceDirectory.SessionSummary session = this.attendance.find(makeup.sessionId())
				.filter((s) -> s.accountId().equals(volunteer.value()))
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
			if (activity != null && !activity.equals(session.activityId())) {
				throw DomainException.invalidField("sessionId", "makeup.session.otherActivity");
			}
			activity = session.activityId();
		}
		if (removal) {
			return;
		}
		if (activity != null
				&& this.activities.find(new ActivityId(activity)).filter(CheckInActivity::cancelled).isPresent()) {
			// RULES §5: a cancelled activity took place nowhere, so no hours are for it.
			throw new DomainException(ErrorCode.ACTIVITY_CANCELLED);
		}
		List<AttendanceDirectory.SessionSummary> sessions = (activity != null)
				? this.attendance.ofVolunteerForActivity(volunteer.value(), activity)
				: this.attendance.ofVolunteerOn(volunteer.value(), serviceDate(makeup));
		if (sessions.stream().anyMatch((s) -> s.status() == SessionStatus.VOID)) {
			throw refused("makeup.reason.VOID_SESSION");
		}
		if (activity != null && sessions.stream().anyMatch(AttendanceDirectory.SessionSummary::credited)) {
			throw refused("makeup.reason.ALREADY_CREDITED");
		}
	}

	/**
	 * A removal comes from the organization that granted the minutes or one above it, and
	 * never takes the volunteer's honor balance below zero (RULES §8).
	 */
	private void checkRemoval(OrganizationId organization, AccountId volunteer, Makeup makeup,
			@Nullable LedgerEntry corrected) {
		if (makeup.minutes() >= 0) {
			return;
		}
		if (corrected != null
				&& !this.organizations.isSameOrBelow(organization, new OrganizationId(corrected.organizationId()))) {
			throw new DomainException(ErrorCode.FORBIDDEN);
		}
		int grantedHere = 0;
		int balance = 0;
		for (Map.Entry<UUID, Integer> granted : this.ledger.honorMinutesByOrganization(volunteer.value()).entrySet()) {
			balance += granted.getValue();
			if (this.organizations.isSameOrBelow(organization, new OrganizationId(granted.getKey()))) {
				grantedHere += granted.getValue();
			}
		}
		if (grantedHere + makeup.minutes() < 0 || balance + makeup.minutes() < 0) {
			throw DomainException.invalidField("minutes", "makeup.minutes.belowZero");
		}
	}

	private LocalDate serviceDate(Makeup makeup) {
		return (makeup.serviceDate() != null) ? makeup.serviceDate() : ApplicationClock.today(this.clock);
	}

	@Transactional
	LedgerEntry add(AuthenticatedAccount caller, OrganizationId organization, AccountId volunteer, Makeup makeup,
			String source, @Nullable UUID correctsEntryId) {
		this.policy.requireAdmin(caller, organization);
		if (makeup.evidenceFileId() != null) {
			this.evidence.requireOwn(caller, makeup.evidenceFileId());
		}
		checkMakeup(volunteer, organization, makeup);
		LedgerEntry corrected = null;
		if (correctsEntryId != null) {
			corrected = this.ledger.find(correctsEntryId)
				.filter((e) -> e.accountId().equals(volunteer.value()) && "HONOR".equals(e.kind()))
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		}
		// Serialised per volunteer, so that two removals cannot both pass the balance.
		this.ledger.lockVolunteer(volunteer.value());
		checkRemoval(organization, volunteer, makeup, corrected);
		LedgerEntry entry = entry(caller.id(), organization, volunteer, makeup, source, correctsEntryId);
		this.ledger.append(entry);
		this.audit.record(caller.id().value(), "HONOR_HOURS_RECORDED", "ACCOUNT", volunteer.toString(), Map
			.of("entryId", entry.id().toString(), "minutes", makeup.minutes(), "reason", makeup.reason().name()));
		return entry;
	}

	LedgerEntry entry(AccountId recordedBy, OrganizationId organization, AccountId volunteer, Makeup makeup,
			String source, @Nullable UUID correctsEntryId) {
		String organizationName = this.organizations.find(organization)
			.map(OrganizationDirectory.OrganizationSummary::name)
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		ServiceRecord record = (makeup.activityId() != null)
				? this.activities.serviceRecord(new ActivityId(makeup.activityId()))
					.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND))
				: null;
		LocalDate date = (makeup.serviceDate() != null) ? makeup.serviceDate() : (record != null)
				? record.startAt().atZone(ApplicationClock.ZONE).toLocalDate() : ApplicationClock.today(this.clock);
		return new LedgerEntry(UUID.randomUUID(), volunteer.value(), "HONOR", source, makeup.minutes(),
				makeup.sessionId(), organization.value(), organizationName, makeup.activityId(),
				(record != null) ? record.title() : "", date, (record != null) ? record.place() : "",
				(record != null) ? record.content() : "", (record != null) ? record.leadName() : "",
				makeup.reason().name(), makeup.description(), makeup.evidence(), makeup.evidenceFileId(),
				correctsEntryId, recordedBy.value(), this.clock.instant());
	}

	private static DomainException refused(String explanationKey) {
		return new DomainException(ErrorCode.MAKEUP_REASON_NOT_ALLOWED).with("explanation",
				new DefaultMessageSourceResolvable(new String[] { explanationKey }, explanationKey));
	}

	/**
	 * @param minutes positive to add, negative to remove
	 * @param serviceDate when the service was done; default the activity's date or today
	 */
	record Makeup(int minutes, MakeupReason reason, String description, @Nullable UUID activityId,
			@Nullable UUID sessionId, @Nullable String evidence, @Nullable UUID evidenceFileId,
			@Nullable LocalDate serviceDate) {

		/** At most this many characters in a makeup's description. */
		static final int MAX_DESCRIPTION = 1000;

		/** At most this many characters in a makeup's evidence text. */
		static final int MAX_EVIDENCE = 2000;

		/** A makeup as a request gives it; an unknown reason → VALIDATION_FAILED. */
		static Makeup of(int minutes, String reason, @Nullable String description, @Nullable UUID activityId,
				@Nullable UUID sessionId, @Nullable String evidence, @Nullable UUID evidenceFileId,
				@Nullable LocalDate serviceDate) {
			MakeupReason parsed;
			try {
				parsed = MakeupReason.valueOf(reason.trim());
			}
			catch (IllegalArgumentException ex) {
				throw DomainException.invalidField("reason", "makeup.reason.unknown");
			}
			String text = (description != null) ? description.strip() : "";
			if (text.length() > MAX_DESCRIPTION) {
				throw DomainException.invalidField("description", "ui.makeup.description.invalid");
			}
			if (evidence != null && evidence.length() > MAX_EVIDENCE) {
				throw DomainException.invalidField("evidence", "makeup.evidence.tooLong");
			}
			// RULES §8: an activity (named, or through its session) or a description.
			if (text.isEmpty() && activityId == null && sessionId == null) {
				throw DomainException.invalidField("description", "makeup.description.required");
			}
			return new Makeup(minutes, parsed, text, activityId, sessionId, evidence, evidenceFileId, serviceDate);
		}

	}

}
