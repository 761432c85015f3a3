/**
 * Check-in and check-out (RULES §6): the ordered checks, device binding, sessions and
 * their expiry, credit time, ratings and attendance lists. Publishes
 * {@link org.yixing.attendance.SessionCompleted} for the hours ledger.
 */
@NullMarked
package org.yixing.attendance;

import org.jspecify.annotations.NullMarked;
