package org.yixing.activity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.organization.OrganizationPolicy;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Reason;
import org.yixing.shared.geo.Geofence;

/**
 * Publishing and editing activities (RULES §5) by admins in scope of the organization;
 * every change is audited.
 */
@Service
class ActivityManagement {

	static final Duration LONGEST = Duration.ofDays(7);

	/** 报名截止 at most this many minutes (14 days) before the start. */
	static final int SIGN_UP_CLOSES_MAX = 20_160;

	/** 每周重复: at most this many weekly copies at once, a term of a semester's weeks. */
	static final int MAX_WEEKLY_COPIES = 20;

	private static final int CODE_ATTEMPTS = 50;

	private final Activities activities;

	private final OrganizationPolicy policy;

	private final OrganizationDirectory organizations;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final SecureRandom random = new SecureRandom();

	ActivityManagement(Activities activities, OrganizationPolicy policy, OrganizationDirectory organizations,
			AuditLog audit, Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.activities = activities;
		this.policy = policy;
		this.organizations = organizations;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	Activity publish(AuthenticatedAccount caller, OrganizationId organization, Draft draft) {
		this.organizations.find(organization)
			.filter((o) -> !o.archived())
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, organization);
		Activity activity = create(organization, draft, caller.id().value());
		this.audit.record(caller.id().value(), "ACTIVITY_PUBLISHED", "ACTIVITY", activity.id().toString(),
				Map.of("organizationId", organization.toString(), "title", activity.title()));
		return activity;
	}

	/**
	 * 每周重复 (RULES §5): the activity again in each of the next {@code weeks} weeks, the
	 * first a whole number of weeks after it and after now, every field kept, each with a
	 * code of its own. A copy that exists already (the organization's activity of the
	 * same title at the same start, not cancelled) is not made again, and the source's
	 * row is locked while they are made, so that a request sent twice makes each copy
	 * once.
	 * @return the copies, earliest first, made now or before
	 */
	@Transactional
	List<Activity> copyWeekly(AuthenticatedAccount caller, ActivityId id, int weeks) {
		Activity source = this.activities.lockBesideCheckIns(id)
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, source.organizationId());
		this.organizations.find(source.organizationId())
			.filter((o) -> !o.archived())
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (weeks < 1 || weeks > MAX_WEEKLY_COPIES) {
			throw DomainException.invalidField("weeks", "activity.weeks.range");
		}
		Duration first = weeksUntilAfter(source.startAt(), this.clock.instant());
		List<Activity> wanted = new ArrayList<>();
		for (int k = 0; k < weeks; k++) {
			wanted.add(source.movedBy(first.plusDays(7L * k)));
		}
		Map<Instant, Activity> made = new HashMap<>();
		this.activities.sameAt(source.organizationId(), source.title(), wanted.stream().map(Activity::startAt).toList())
			.forEach((a) -> made.putIfAbsent(a.startAt(), a));
		List<Activity> copies = new ArrayList<>();
		for (Activity copy : wanted) {
			Activity existing = made.get(copy.startAt());
			if (existing != null) {
				copies.add(existing);
				continue;
			}
			Activity created = create(source.organizationId(), Draft.of(copy), caller.id().value());
			this.audit.record(caller.id().value(), "ACTIVITY_PUBLISHED", "ACTIVITY", created.id().toString(),
					Map.of("organizationId", created.organizationId().toString(), "title", created.title(),
							"copiedFrom", source.id().toString()));
			copies.add(created);
		}
		return copies;
	}

	/**
	 * Whole weeks from {@code start} to the first start after {@code now}; at least one.
	 */
	static Duration weeksUntilAfter(Instant start, Instant now) {
		// whole days from start to now, rounded down, plus a week: past now in every case
		long weeks = start.isAfter(now) ? 1 : Duration.between(start, now).toDays() / 7 + 1;
		return Duration.ofDays(7 * weeks);
	}

	/** For demo data: no caller, no audit entry. */
	@Transactional
	Activity publishAsSystem(OrganizationId organization, Draft draft) {
		return create(organization, draft, null);
	}

	private Activity create(OrganizationId organization, Draft draft, @Nullable UUID createdBy) {
		ActivityTexts.title(draft.title());
		ActivityTexts.checkOptional(draft.description(), draft.place(), draft.leadName());
		checkTimes(draft.startAt(), draft.endAt());
		Instant now = this.clock.instant();
		Activity activity = new Activity(ActivityId.random(), organization, draft.title(), draft.description(),
				draft.place(), draft.leadName(), draft.startAt(), draft.endAt(), draft.geofence(), draft.membersOnly(),
				draft.capacity(), draft.checkInOpensMinutesBefore(), draft.checkOutGraceMinutes(),
				draft.requiresInsurance(), "000000", draft.checkInMode(), draft.reminderMinutes(),
				signUpCloses(draft.signUpClosesMinutesBefore()), now, null);
		this.activities.insert(activity, createdBy);
		activity = activity.withCode(reserveNewCode(activity, now));
		this.activities.update(activity, now);
		return activity;
	}

	Activity get(ActivityId id) {
		return this.activities.find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
	}

	/** The activity, when the caller administers it (else 403 {@code FORBIDDEN}). */
	Activity administered(AuthenticatedAccount caller, ActivityId id) {
		Activity activity = get(id);
		this.policy.requireAdmin(caller, activity.organizationId());
		return activity;
	}

	/**
	 * The activity whose 动态二维码 tokens the caller may be issued (RULES §12): one they
	 * administer that is not cancelled ({@code ACTIVITY_CANCELLED}, RULES §5), as no
	 * check-in could use them.
	 */
	Activity forRotatingQr(AuthenticatedAccount caller, ActivityId id) {
		Activity activity = administered(caller, id);
		requireNotCancelled(activity);
		return activity;
	}

	boolean canAdminister(@Nullable AuthenticatedAccount caller, Activity activity) {
		return caller != null && this.policy.canAdminister(caller, activity.organizationId());
	}

	List<Activity> ofOrganization(OrganizationId organization) {
		return this.activities.ofOrganization(organization);
	}

	/** Time and fence edits are audited with their before and after values. */
	@Transactional
	Activity edit(AuthenticatedAccount caller, ActivityId id, Changes changes) {
		Activity current = this.activities.lock(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, current.organizationId());
		requireNotCancelled(current);
		if (changes.title() != null) {
			ActivityTexts.title(changes.title());
		}
		ActivityTexts.checkOptional(changes.description(), changes.place(), changes.leadName());
		Activity changed = new Activity(id, current.organizationId(), or(changes.title(), current.title()),
				or(changes.description(), current.description()), or(changes.place(), current.place()),
				or(changes.leadName(), current.leadName()), or(changes.startAt(), current.startAt()),
				or(changes.endAt(), current.endAt()), or(changes.geofence(), current.geofence()),
				or(changes.membersOnly(), current.membersOnly()),
				changes.clearCapacity() ? null : or(changes.capacity(), current.capacity()),
				or(changes.checkInOpensMinutesBefore(), current.checkInOpensMinutesBefore()),
				or(changes.checkOutGraceMinutes(), current.checkOutGraceMinutes()),
				or(changes.requiresInsurance(), current.requiresInsurance()), current.checkInCode(),
				or(changes.checkInMode(), current.checkInMode()),
				or(changes.reminderMinutes(), current.reminderMinutes()),
				changes.clearSignUpCloses() ? null
						: signUpCloses(or(changes.signUpClosesMinutesBefore(), current.signUpClosesMinutesBefore())),
				current.createdAt(), null);
		checkTimes(changed.startAt(), changed.endAt());
		Instant now = this.clock.instant();
		this.activities.update(changed, now);
		this.activities.reserveCode(id, changed.checkInCode(), changed.endAt(), now);
		Map<String, Object> details = new LinkedHashMap<>();
		if (!changed.startAt().equals(current.startAt()) || !changed.endAt().equals(current.endAt())) {
			details.put("time", Map.of("from", current.startAt() + "/" + current.endAt(), "to",
					changed.startAt() + "/" + changed.endAt()));
		}
		if (changed.checkInMode() != current.checkInMode()) {
			details.put("checkInMode",
					Map.of("from", current.checkInMode().name(), "to", changed.checkInMode().name()));
		}
		if (!changed.geofence().equals(current.geofence())) {
			details.put("geofence", Map.of("from", GeofenceJson.of(current.geofence()).toString(), "to",
					GeofenceJson.of(changed.geofence()).toString()));
		}
		this.audit.record(caller.id().value(), "ACTIVITY_EDITED", "ACTIVITY", id.toString(), details);
		if (!changed.forCheckIn().checkOutDeadline().equals(current.forCheckIn().checkOutDeadline())) {
			this.events.publishEvent(new ActivityRescheduled(id, changed.forCheckIn().checkOutDeadline()));
		}
		boolean morePlaces = current.capacity() != null
				&& (changed.capacity() == null || changed.capacity() > current.capacity());
		if (morePlaces && now.isBefore(changed.startAt())) {
			this.events.publishEvent(new ActivityPlacesAdded(id));
		}
		boolean moved = !changed.startAt().equals(current.startAt()) || !changed.endAt().equals(current.endAt())
				|| !changed.place().equals(current.place());
		if (moved && changed.endAt().isAfter(now)) {
			this.events.publishEvent(new ActivityMoved(UUID.randomUUID(), id, changed.title(), changed.startAt(),
					changed.endAt(), changed.place()));
		}
		return changed;
	}

	/** A fresh code; the old one stops working at once. */
	@Transactional
	Activity regenerateCode(AuthenticatedAccount caller, ActivityId id) {
		Activity current = this.activities.lock(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, current.organizationId());
		requireNotCancelled(current);
		Instant now = this.clock.instant();
		Activity changed = current.withCode(reserveNewCode(current, now));
		this.activities.update(changed, now);
		this.audit.record(caller.id().value(), "CHECK_IN_CODE_REGENERATED", "ACTIVITY", id.toString(), Map.of());
		return changed;
	}

	/**
	 * 取消活动 (RULES §5): only while nobody has checked in, whatever became of their
	 * sessions; the database settles a check-in racing it. Cancelling again changes
	 * nothing and answers the same. Signed-up volunteers are told, after commit.
	 */
	@Transactional
	Activity cancel(AuthenticatedAccount caller, ActivityId id, @Nullable String reason) {
		Activity current = this.activities.lock(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, current.organizationId());
		if (current.cancelled()) {
			return current;
		}
		String why = Reason.check(reason);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		if (!this.activities.cancel(id, now, caller.id().value(), why)) {
			throw new DomainException(ErrorCode.ACTIVITY_HAS_SESSIONS);
		}
		this.audit.record(caller.id().value(), "ACTIVITY_CANCELLED", "ACTIVITY", id.toString(),
				Map.of("title", current.title(), "reason", why));
		this.events.publishEvent(new ActivityCancelled(id, current.title(), current.startAt(), why));
		return get(id);
	}

	private static void requireNotCancelled(Activity activity) {
		if (activity.cancelled()) {
			throw new DomainException(ErrorCode.ACTIVITY_CANCELLED);
		}
	}

	private String reserveNewCode(Activity activity, Instant now) {
		for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
			String code = "%06d".formatted(this.random.nextInt(1_000_000));
			if (!code.equals(activity.checkInCode())
					&& this.activities.reserveCode(activity.id(), code, activity.endAt(), now)) {
				return code;
			}
		}
		throw new IllegalStateException("No free sign-in code after " + CODE_ATTEMPTS + " attempts");
	}

	/**
	 * 报名截止 (RULES §5): 1 minute to {@value #SIGN_UP_CLOSES_MAX} minutes (14 days) before
	 * the start, or none.
	 */
	static @Nullable Integer signUpCloses(@Nullable Integer minutesBefore) {
		if (minutesBefore != null && (minutesBefore < 1 || minutesBefore > SIGN_UP_CLOSES_MAX)) {
			throw DomainException.invalidField("signUpClosesMinutesBefore", "activity.signUpCloses.range");
		}
		return minutesBefore;
	}

	private static void checkTimes(Instant start, Instant end) {
		if (!end.isAfter(start) || Duration.between(start, end).compareTo(LONGEST) > 0) {
			throw DomainException.invalidField("endAt", "activity.time.invalid");
		}
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	record Draft(String title, String description, String place, String leadName, Instant startAt, Instant endAt,
			Geofence geofence, boolean membersOnly, @Nullable Integer capacity, int checkInOpensMinutesBefore,
			int checkOutGraceMinutes, boolean requiresInsurance, CheckInMode checkInMode, int reminderMinutes,
			@Nullable Integer signUpClosesMinutesBefore) {

		/** The draft that would publish this activity again, as it is. */
		static Draft of(Activity activity) {
			return new Draft(activity.title(), activity.description(), activity.place(), activity.leadName(),
					activity.startAt(), activity.endAt(), activity.geofence(), activity.membersOnly(),
					activity.capacity(), activity.checkInOpensMinutesBefore(), activity.checkOutGraceMinutes(),
					activity.requiresInsurance(), activity.checkInMode(), activity.reminderMinutes(),
					activity.signUpClosesMinutesBefore());
		}
	}

	record Changes(@Nullable String title, @Nullable String description, @Nullable String place,
			@Nullable String leadName, @Nullable Instant startAt, @Nullable Instant endAt, @Nullable Geofence geofence,
			@Nullable Boolean membersOnly, @Nullable Integer capacity, boolean clearCapacity,
			@Nullable Integer checkInOpensMinutesBefore, @Nullable Integer checkOutGraceMinutes,
			@Nullable Boolean requiresInsurance, @Nullable CheckInMode checkInMode, @Nullable Integer reminderMinutes,
			@Nullable Integer signUpClosesMinutesBefore, boolean clearSignUpCloses) {
	}

}
