package org.yixing.attendance;

/**
 * A check-in session's status (RULES §6, §7): {@code OPEN} from check-in until check-out
 * or its expiry, {@code COMPLETED} once checked out (with its credit time), {@code VOID}
 * when it expired open or an admin voided it.
 */
public enum SessionStatus {

	OPEN, COMPLETED, VOID

}
