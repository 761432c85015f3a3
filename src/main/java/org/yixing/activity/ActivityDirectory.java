package org.yixing.activity;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.yixing.organization.OrganizationId;

/** What attendance may know about activities. */
@Service
public class ActivityDirectory {

	/**
	 * The sessions' foreign key to an activity that accepts them (V29): PostgreSQL names
	 * it when a session is written for a cancelled activity, and when an activity with
	 * sessions is cancelled.
	 */
	public static final String SESSIONS_FOREIGN_KEY = "attendance_sessions_activity_accepts_fkey";

	private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private final Activities activities;

	ActivityDirectory(Activities activities) {
		this.activities = activities;
	}

	/**
	 * The activity that holds this sign-in code, ended or not; empty for an unknown code.
	 * Read at most a second ago: changes made on another node show within that second.
	 */
	public Optional<CheckInActivity> findByCheckInCode(String code) {
		String typed = typedCode(code);
		return SIX_DIGITS.matcher(typed).matches() ? this.activities.findByCodeRecent(typed).map(Activity::forCheckIn)
				: Optional.empty();
	}

	/**
	 * A sign-in code as people pass it on: full-width digits (an input method's
	 * full-width mode) read as ASCII ones, spaces dropped ({@code 123 456}).
	 */
	public static String typedCode(String code) {
		String ascii = Normalizer.isNormalized(code, Normalizer.Form.NFKC) ? code
				: Normalizer.normalize(code, Normalizer.Form.NFKC);
		return SPACES.matcher(ascii).replaceAll("");
	}

	public Optional<CheckInActivity> find(ActivityId id) {
		return this.activities.find(id).map(Activity::forCheckIn);
	}

	public Optional<ServiceRecord> serviceRecord(ActivityId id) {
		return this.activities.find(id).map(Activity::serviceRecord);
	}

	public Optional<ActivityDetails> details(ActivityId id) {
		return this.activities.find(id).map(ActivityDetails::of);
	}

	/**
	 * Activities of these organizations that have not ended at {@code now}, soonest
	 * first.
	 */
	public List<ActivityDetails> notEndedOf(Collection<OrganizationId> organizations, Instant now) {
		return this.activities.notEndedOf(organizations.stream().map(OrganizationId::value).toList(), now, 200)
			.stream()
			.map(ActivityDetails::of)
			.toList();
	}

	/**
	 * The activities of these organizations that overlap {@code [from, to)}, cancelled
	 * ones included, earliest start first, at most {@code limit}.
	 */
	public List<ActivityDetails> between(Collection<OrganizationId> organizations, Instant from, Instant to,
			int limit) {
		return this.activities.between(organizations.stream().map(OrganizationId::value).toList(), from, to, limit)
			.stream()
			.map(ActivityDetails::of)
			.toList();
	}

	/** The organization's activities, latest start first (at most 500). */
	public List<ActivityDetails> ofOrganization(OrganizationId organization) {
		return this.activities.ofOrganization(organization).stream().map(ActivityDetails::of).toList();
	}

	/**
	 * Titles of these activities by raw id, in one query (lists of sessions show them).
	 */
	public Map<UUID, String> titlesOf(Collection<UUID> ids) {
		return this.activities.findAll(ids.stream().distinct().toList())
			.stream()
			.collect(Collectors.toMap((a) -> a.id().value(), Activity::title));
	}

	/**
	 * Activities whose 签退提醒 is due at {@code now} (RULES §13): their reminder lead is not
	 * zero, and {@code now} lies within it before the check-out deadline.
	 */
	public List<CheckInActivity> checkOutReminderDue(Instant now) {
		return this.activities.checkOutReminderDue(now).stream().map(Activity::forCheckIn).toList();
	}

	/** Activities starting after {@code from}, up to and including {@code to}. */
	public List<CheckInActivity> startingBetween(Instant from, Instant to) {
		return this.activities.startingBetween(from, to).stream().map(Activity::forCheckIn).toList();
	}

	/** How many activities run at some time between the two instants. */
	public long countRunningBetween(Instant from, Instant to) {
		return this.activities.countRunningBetween(from, to);
	}

	public List<ActivityDetails> findAll(Collection<ActivityId> ids) {
		return this.activities.findAll(ids.stream().map(ActivityId::value).toList())
			.stream()
			.map(ActivityDetails::of)
			.toList();
	}

}
