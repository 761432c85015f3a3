package org.yixing.attendance;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Check 8 of RULES §6: does the volunteer hold a policy covering the activity's date? The
 * insurance module answers; attendance only states the question, so that it does not
 * depend on insurance.
 */
public interface InsuranceCoverage {

	boolean covers(UUID accountId, LocalDate date);

	/**
	 * Of {@code dates}, those a policy of the volunteer covers: what the volunteer's
	 * activities that require insurance are told before the day.
	 */
	Set<LocalDate> coveredOf(UUID accountId, Collection<LocalDate> dates);

	/**
	 * Of {@code accounts}, those holding a policy that covers {@code date}: what the
	 * sign-up roster tells the organizers.
	 */
	Set<UUID> coveredAmong(Collection<UUID> accounts, LocalDate date);

}
