package org.yixing.attendance;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Check 8 of RULES §6: does the volunteer hold a policy covering the activity's date? The
 * insurance module provides the real answer; until it exists nobody is covered, so an
 * activity that requires insurance cannot be checked into.
 */
public interface InsuranceCoverage {

	boolean covers(UUID accountId, LocalDate date);

}
