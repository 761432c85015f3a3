package org.yixing.hours;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.ServiceRecord;
import org.yixing.attendance.AttendanceDirectory;
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

	HonorHours(Ledger ledger, OrganizationPolicy policy, OrganizationDirectory organizations,
			ActivityDirectory activities, AttendanceDirectory attendance, AuditLog audit, Clock clock) {
		this.ledger = ledger;
		this.policy = policy;
		this.organizations = organizations;
		this.activities = activities;
		this.attendance = attendance;
		this.audit = audit;
		this.clock = clock;
	}

	/** Checks everything but the caller's scope: the rules of a makeup itself. */
	void checkMakeup(AccountId volunteer, OrganizationId organization, Makeup makeup) {
		if (!makeup.reason().allowed()) {
			throw refused(makeup.reason().explanationKey());
		}
		if (makeup.minutes() == 0 || Math.abs(makeup.minutes()) > MAX_MINUTES) {
			throw DomainException.invalidField("minutes", "makeup.minutes.invalid");
		}
		if (!this.organizations.isMemberOfOrBelow(volunteer, organization)) {
			throw new DomainException(ErrorCode.NOT_ORGANIZATION_MEMBER);
		}
		if (makeup.sessionId() != null) {
			AttendanceDirectory.SessionSummary session = this.attendance.find(makeup.sessionId())
				.filter((s) -> s.accountId().equals(volunteer.value()))
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
			if ("VOID".equals(session.status())) {
				throw refused("makeup.reason.VOID_SESSION");
			}
		}
	}

	@Transactional
	LedgerEntry add(AuthenticatedAccount caller, OrganizationId organization, AccountId volunteer, Makeup makeup,
			String source, @Nullable UUID correctsEntryId) {
		this.policy.requireAdmin(caller, organization);
		checkMakeup(volunteer, organization, makeup);
		if (correctsEntryId != null) {
			this.ledger.find(correctsEntryId)
				.filter((e) -> e.accountId().equals(volunteer.value()) && "HONOR".equals(e.kind()))
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		}
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

		/** A makeup as a request gives it; an unknown reason → VALIDATION_FAILED. */
		static Makeup of(int minutes, String reason, String description, @Nullable UUID activityId,
				@Nullable UUID sessionId, @Nullable String evidence, @Nullable UUID evidenceFileId,
				@Nullable LocalDate serviceDate) {
			MakeupReason parsed;
			try {
				parsed = MakeupReason.valueOf(reason.trim());
			}
			catch (IllegalArgumentException ex) {
				throw DomainException.invalidField("reason", "makeup.reason.unknown");
			}
			return new Makeup(minutes, parsed, description.strip(), activityId, sessionId, evidence, evidenceFileId,
					serviceDate);
		}

	}

}
