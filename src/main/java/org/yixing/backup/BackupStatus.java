package org.yixing.backup;

/**
 * A base backup's status (RULES §15): {@code RUNNING} while it is taken and checked,
 * {@code VERIFIED} once a scratch restore of it started and its row counts matched,
 * {@code FAILED} otherwise (with the problem), including a run a stopped node left.
 */
public enum BackupStatus {

	RUNNING, VERIFIED, FAILED

}
