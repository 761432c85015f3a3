package org.yixing.attendance;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Check 8 of RULES §6: does the volunteer hold a policy covering the activity's date? The
 * insurance module answers; attendance only states the question, so that it does not
 * depend on insurance.
 */
public interface InsuranceCoverage {

	boolean covers(UUID accountId, LocalDate date);

}
